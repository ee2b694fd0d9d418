"""The stage forms (ipywidgets), one module per stage, and the live reports shown under them."""

from .base import Field, Form, escape, findings_html, message_html

__all__ = ["Field", "Form", "escape", "findings_html", "message_html"]
