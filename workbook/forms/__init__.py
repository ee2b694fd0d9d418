"""ipywidgets forms for each stage of the cycle; they call the library and show its findings inline."""

from .base import Field, Form, escape, findings_html, message_html

__all__ = ["Field", "Form", "escape", "findings_html", "message_html"]
