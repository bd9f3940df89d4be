"""The shape of every file in ``indicators/`` (closed lists, required keys, three-language texts)."""

from __future__ import annotations

from .spec import AnyOf, Boolean, Enum, ListOf, MapOf, Number, Object, Spec, String, Text

__all__ = ["FILE_SHAPES", "dimension_shape", "file_shape"]

ID = String(pattern=r"[a-z][a-z0-9_-]*", example="water-reuse")
STATUSES = ("published", "secondary", "derived", "illustrative")
#: Of a source: ``official`` = the issuing body's own document (issuer, document number, date); ``secondary`` = a
#: report, mirror or dataset by someone else, used because the issuer's document was not seen.
SOURCE_STATUSES = ("official", "secondary")
URL = String(pattern=r"https?://\S+", example="https://www.gov.cn/")
DATE = String(pattern=r"\d{4}(-\d{2}(-\d{2})?)?", example="2025-12-31")
INDICATOR_TYPES = ("quantitative", "qualitative", "count")
DIRECTIONS = ("lower", "higher")
SCOPES = (1, 2, "memo")
MEMO_KINDS = ("non_kyoto", "biogenic")
GASES = ("co2", "co2e")
CROSS_CHECKS = ("scope1_t", "scope2_t", "total_t", "energy_tce")
REGION = String(pattern=r"[A-Z]{2}", example="GD")
YEAR_KEY = r"\d{4}"
DIGITS = Number(minimum=0, maximum=6, integer=True)

PROVENANCE = {"source": ID, "status": Enum(STATUSES)}
PROVENANCE_EXTRA: dict[str, Spec] = {"basis": String(), "year": Number(minimum=1900, maximum=2100, integer=True)}

BENCHMARK_VALUE = Object(required={"value": Number(minimum=0), **PROVENANCE}, optional=PROVENANCE_EXTRA)
BENCHMARK = Object(required={"baseline": BENCHMARK_VALUE, "leading": BENCHMARK_VALUE})

INPUT = Object(
    required={"id": ID, "unit": ID, "name": Text(), "help": Text()},
    optional={
        "group": ID,
        "good": Enum(("up", "down")),
        "energy": ID,
        "factor": AnyOf(
            (
                ID,
                ListOf(ID, min_items=1),
                MapOf(AnyOf((ID, ListOf(ID, min_items=1)), "a factor id or a list"), r"[A-Z]{2}"),
            ),
            "a factor id, a list of factor ids, or {region: id or list}",
        ),
        "regions": ListOf(REGION, min_items=1),
        "alt_units": MapOf(ID),
        "cross_check": Enum(CROSS_CHECKS),
        "blank_value": Number(minimum=0),
        "deduct": Boolean(),
        "renewable": Boolean(),
        "positive": Boolean(),
        "max": Number(minimum=0),
    },
)
CHECK = Object(required={"rule": String(), "field": ID, "code": ID})

INDICATOR = Object(
    title="Indicator",
    required={
        "id": ID,
        "number": Number(minimum=1, integer=True),
        "type": Enum(INDICATOR_TYPES),
        "direction": Enum(DIRECTIONS),
        "unit": ID,
        "points": Number(minimum=0.5, maximum=100),
        "annex_b": String(pattern=r"[BC]\.\d+", example="B.10"),
        "name": Text(),
        "measures": Text(),
        "why": Text(),
        "how": Text(),
        "evidence": Object(required={"hk": Text(), "gd": Text()}),
        "practices": ListOf(Text(), min_items=3),
        "references": ListOf(Text(), min_items=1),
    },
    optional={
        "formula": String(),
        "inputs": ListOf(INPUT, min_items=1, unique_key="id"),
        "checks": ListOf(CHECK, min_items=1),
        "benchmarks": MapOf(BENCHMARK),
        "options": ListOf(Object(required={"id": ID, "text": Text()}), min_items=1, unique_key="id"),
        "levels": ListOf(Text(), min_items=2),
    },
)


def dimension_shape() -> Object:
    """A ``dimensions/<id>.yaml`` file."""
    return Object(required={"dimension": ID, "indicators": ListOf(INDICATOR, min_items=1, unique_key="id")})


NAMED = Object(required={"id": ID, "name": Text()})
FRAMEWORK = Object(
    title="GMI framework",
    required={
        "edition": String(pattern=r"\d{4}(\.\d+)?", example="2026"),
        "edition_year": Number(minimum=2019, maximum=2100, integer=True),
        "first_edition_year": Number(minimum=2019, maximum=2100, integer=True),
        "title": Text(),
        "short_title": Text(),
        "publisher": Text(),
        "collaborators": ListOf(Text(), min_items=1),
        "implementation_agent": Text(),
        "consultant": Text(),
        "standard_basis": ID,
        "gate": ListOf(
            Object(
                required={"id": ID, "source": ID, "text": Text(), "evidence": Text()},
                optional={"clause": String(), "own_addition": Boolean()},
            ),
            min_items=1,
            unique_key="id",
        ),
        "dimensions": ListOf(
            Object(required={"id": ID, "weight": Number(minimum=1, maximum=100), "name": Text(), "summary": Text()}),
            min_items=1,
            unique_key="id",
        ),
        "rating_bands": ListOf(
            Object(required={"id": ID, "min": Number(minimum=0, maximum=100), "name": Text()}),
            min_items=1,
            unique_key="id",
        ),
        "units": MapOf(Text()),
        "regions": MapOf(Text(), key_pattern=r"[A-Z]{2}"),
        "currencies": MapOf(Text(), key_pattern=r"[A-Z]{3}"),
        "money_units": MapOf(
            Object(required={"currency": String(pattern=r"[A-Z]{3}"), "multiplier": Number(minimum=1), "name": Text()})
        ),
        "unit_multipliers": MapOf(MapOf(Number(minimum=0))),
        "input_groups": ListOf(NAMED, min_items=1, unique_key="id"),
        "benchmark_sets": ListOf(NAMED, min_items=1, unique_key="id"),
        "activity_inputs": ListOf(INPUT, min_items=1, unique_key="id"),
        "derived": MapOf(Object(required={"unit": ID, "name": Text(), "formula": Text()})),
    },
    optional={
        "unit_display": MapOf(Object(required={}, optional={"decimals": DIGITS, "significant": DIGITS})),
        "activity_checks": ListOf(CHECK),
        "migrations": ListOf(
            Object(
                required={
                    "from_version": Number(minimum=1, integer=True),
                    "renamed_inputs": MapOf(ID),
                    "money_units": MapOf(ID, key_pattern=r"[A-Z]{3}"),
                }
            )
        ),
    },
)

YEAR_VALUE = Object(required={"value": Number(minimum=0), **PROVENANCE}, optional={"basis": String()})
FACTOR = Object(
    required={"scope": Enum(SCOPES), "gas": Enum(GASES), "unit": ID, "name": Text()},
    optional={
        "value": Number(minimum=0),
        "year": Number(minimum=1990, maximum=2100, integer=True),
        "source": ID,
        "status": Enum(STATUSES),
        "by_year": MapOf(YEAR_VALUE, key_pattern=YEAR_KEY),
        "memo": Enum(MEMO_KINDS),
        "note": Text(),
        "basis": String(),
    },
)
COEFFICIENT = Object(
    required={"value": Number(minimum=0), "unit": ID, "name": Text(), **PROVENANCE}, optional={"basis": String()}
)
FACTORS = Object(
    required={
        "emission_factors": MapOf(FACTOR),
        "factor_units": MapOf(Text()),
        "energy_coefficients": MapOf(COEFFICIENT),
        "conversions": MapOf(COEFFICIENT),
        "exchange_rates": MapOf(
            Object(required={"unit": ID, "by_year": MapOf(YEAR_VALUE, key_pattern=YEAR_KEY)}), key_pattern=r"[A-Z]{3}"
        ),
    }
)
SOURCES = Object(
    required={
        "sources": MapOf(
            Object(
                required={
                    "title": String(),
                    "publisher": String(),
                    "year": Number(minimum=1900, integer=True),
                    "status": Enum(SOURCE_STATUSES),
                },
                optional={"document": String(), "date": DATE, "url": URL, "retrieved_from": URL},
            )
        )
    }
)
SYNONYMS = Object(  # other words readers search for (search widens a query with them); lists may be empty
    required={"en": ListOf(String()), "zh-hant": ListOf(String()), "zh-hans": ListOf(String())}
)
GLOSSARY = Object(
    required={
        "terms": ListOf(
            Object(required={"id": ID, "term": Text(), "definition": Text()}, optional={"synonyms": SYNONYMS}), 1, "id"
        )
    }
)
REGULATIONS = Object(
    required={
        "topics": ListOf(
            Object(
                required={
                    "id": ID,
                    "topic": Text(),
                    "hk": ListOf(Text(), min_items=1),
                    "gd": ListOf(Text(), min_items=1),
                    "indicators": ListOf(ID),
                }
            ),
            unique_key="id",
        )
    }
)
MESSAGES = Object(required={"messages": MapOf(Text()), "labels": MapOf(Text())})
PLAUSIBILITY = Object(
    required={
        "rules": ListOf(
            Object(
                required={"id": ID, "kind": ID, "source": ID, "message": Text()},
                optional={
                    "side": Enum(("worse", "better")),
                    "factor": Number(minimum=1),
                    "field": ID,
                    "indicators": ListOf(ID, min_items=1),
                    "band": Number(minimum=0, maximum=1),
                    "inputs": ListOf(ID, min_items=1),
                    "groups": ListOf(ID, min_items=1),
                    "sets": ListOf(ID, min_items=1),
                    "of": ListOf(ID, min_items=1),
                    "share": Number(minimum=0, maximum=1),
                    "indicator": ID,
                    "value": Number(minimum=0),
                },
            ),
            unique_key="id",
        )
    }
)

FILE_SHAPES: dict[str, Object] = {
    "framework.yaml": FRAMEWORK,
    "factors.yaml": FACTORS,
    "sources.yaml": SOURCES,
    "glossary.yaml": GLOSSARY,
    "regulations.yaml": REGULATIONS,
    "messages.yaml": MESSAGES,
    "plausibility.yaml": PLAUSIBILITY,
}


def file_shape(name: str) -> Object | None:
    """The shape of a file of the bundle by its name relative to ``indicators/``."""
    if name.startswith("dimensions/"):
        return dimension_shape()
    return FILE_SHAPES.get(name)
