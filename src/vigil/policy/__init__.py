"""Policy: a YAML file of ladders and rules, and a pure decision function over findings + history."""

from vigil.policy.decide import AccountHistory, Decision, PenaltyAction, decide
from vigil.policy.model import Policy, load_policy

__all__ = ["AccountHistory", "Decision", "PenaltyAction", "Policy", "decide", "load_policy"]
