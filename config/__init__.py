"""Shipped defaults: the method as YAML (installed as followup_tui.defaults)."""
