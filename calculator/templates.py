"""Markup templates of the report (kept out of the code that fills them)."""

from __future__ import annotations

from string import Template

__all__ = ["RADAR_AXIS", "RADAR_LABEL", "RADAR_SVG"]

RADAR_SVG = Template(
    """<svg xmlns="http://www.w3.org/2000/svg" class="gmi-radar" viewBox="0 0 $width $size" role="img" """
    """aria-labelledby="$id-title $id-desc" lang="$lang">
<title id="$id-title">$title</title>
<desc id="$id-desc">$desc</desc>
<g fill="none" stroke="#9e9e9e" stroke-width="0.5">$rings</g>
<g stroke="#9e9e9e" stroke-width="0.5">$axes</g>
<polygon points="$shape" fill="rgba(46,125,50,0.25)" stroke="#2e7d32" stroke-width="1.5"/>
<g font-size="11" fill="currentColor">$labels</g>
</svg>"""
)
RADAR_RING = Template("""<polygon points="$points"/>""")
RADAR_AXIS = Template("""<line x1="$cx" y1="$cy" x2="$x" y2="$y"/>""")
RADAR_LABEL = Template("""<text x="$x" y="$y" text-anchor="$anchor">$name $percent%</text>""")
