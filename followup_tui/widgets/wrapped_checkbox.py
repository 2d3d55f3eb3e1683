"""A checkbox whose label wraps: a best action's text is read whole, not cut."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Checkbox


class WrappedCheckbox(Checkbox):
    """Textual's Checkbox keeps its label on one line and cuts it with an ellipsis
    (its height is always 1); this one takes the lines its label wraps to."""

    DEFAULT_CSS = """
    WrappedCheckbox {
        text-wrap: wrap;
        text-overflow: fold;
        height: auto;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The lines the box and its label take at this width."""
        return max(1, len(self.render().wrap(max(1, width))))
