"""Sumiwake: a serious game about AI geopolitics among the G7."""

__version__ = "0.1.0"
