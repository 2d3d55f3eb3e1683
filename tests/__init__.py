"""The test suite; its folders mirror the house (see docs/architecture.md)."""
