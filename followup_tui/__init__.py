"""followup: a keyboard-driven terminal workbench for disciplined B2B sales follow-up."""

__version__ = "0.1.0"
