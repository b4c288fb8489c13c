"""The rules engine: pure, deterministic, no UI, AI or I/O."""

from .game import Game, Outcome, SaveError
from .legality import IllegalOrder
from .orders import Order, OrderSyntaxError
from .report import RoundReport

__all__ = ["Game", "IllegalOrder", "Order", "OrderSyntaxError", "Outcome", "RoundReport", "SaveError"]
