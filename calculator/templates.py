"""Markup templates of the report (kept out of the code that fills them)."""

from __future__ import annotations

from string import Template

__all__ = ["RADAR_AXIS", "RADAR_LABEL", "RADAR_LEGEND", "RADAR_LINE", "RADAR_SVG"]

RADAR_SVG = Template(
    """<svg xmlns="http://www.w3.org/2000/svg" class="gmi-radar" viewBox="0 0 $width $height" role="img" """
    """aria-labelledby="$id-title $id-desc" lang="$lang">
<title id="$id-title">$title</title>
<desc id="$id-desc">$desc</desc>
<g fill="none" stroke="#9e9e9e" stroke-width="0.5">$rings</g>
<g stroke="#9e9e9e" stroke-width="0.5">$axes</g>
<polygon class="gmi-radar-reference" points="$reference" fill="none" stroke="#1565c0" stroke-width="1.5" """
    """stroke-dasharray="5 3"/>
<polygon class="gmi-radar-factory" points="$shape" fill="rgba(46,125,50,0.25)" stroke="#2e7d32" stroke-width="2"/>
<g font-size="$font" fill="currentColor">$labels</g>
<g class="gmi-radar-legend" font-size="$font" fill="currentColor">$legend</g>
</svg>"""
)
RADAR_RING = Template("""<polygon points="$points"/>""")
RADAR_AXIS = Template("""<line x1="$cx" y1="$cy" x2="$x" y2="$y"/>""")
RADAR_LABEL = Template("""<text x="$x" y="$y" text-anchor="$anchor">$lines</text>""")
RADAR_LINE = Template("""<tspan x="$x" dy="$dy">$text</tspan>""")
RADAR_LEGEND = Template(
    """<line x1="$x1" y1="$y" x2="$x2" y2="$y" stroke="$stroke" stroke-width="2"$dash/>"""
    """<text x="$tx" y="$ty">$text</text>"""
)
