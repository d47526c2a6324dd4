"""The policy file: parsed, validated (every problem reported at once, with where it is), hashed."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vigil.errors import PolicyError
from vigil.model import CATEGORIES, PENALTIES

SEVERITIES = ("low", "medium", "high", "critical")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule_id: str
    title: str
    text: str
    severity: dict[str, str]
    escalate: list[str] = Field(default_factory=list)

    @field_validator("severity")
    @classmethod
    def _known_severities(cls, v: dict[str, str]) -> dict[str, str]:
        bad = sorted({s for s in v.values() if s not in SEVERITIES})
        if bad:
            raise ValueError(f"unknown severity {bad}; use one of {list(SEVERITIES)}")
        if "default" not in v:
            raise ValueError("needs a 'default' severity")
        return v


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    name: str
    appeal_window_days: int = Field(ge=1)
    auto_decide_min_score: float = Field(ge=0.0, le=1.0)
    durations_days: dict[str, int]
    review_sla_hours: dict[str, int]
    ladders: dict[str, list[list[str]]]
    rules: dict[str, Rule]
    sha256: str = ""

    @field_validator("ladders")
    @classmethod
    def _ladders(cls, v: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
        problems = []
        for sev in SEVERITIES:
            if not v.get(sev):
                problems.append(f"ladder '{sev}' is missing or empty")
        for sev, steps in v.items():
            for i, step in enumerate(steps):
                for p in step:
                    if p not in PENALTIES:
                        problems.append(f"ladders.{sev}[{i}]: unknown penalty {p!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return v

    @field_validator("rules")
    @classmethod
    def _rules(cls, v: dict[str, Rule]) -> dict[str, Rule]:
        problems = [f"rule for unknown category {c!r}" for c in v if c not in CATEGORIES]
        problems += [f"no rule for category {c!r}" for c in CATEGORIES if c not in v]
        for cat, rule in v.items():
            for sub in rule.severity:
                if sub != "default" and cat in CATEGORIES and sub not in CATEGORIES[cat]:
                    problems.append(f"rules.{cat}.severity: unknown subcategory {sub!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return v

    def severity_of(self, category: str, subcategory: str, evidence: dict[str, Any]) -> str:
        rule = self.rules[category]
        sev = rule.severity.get(subcategory, rule.severity["default"])
        if any(evidence.get(k) for k in rule.escalate):
            sev = SEVERITIES[min(len(SEVERITIES) - 1, SEVERITIES.index(sev) + 1)]
        return sev


def _normalise_steps(raw: Any) -> Any:
    """Allow `- warning` as shorthand for `- [warning]` in ladders."""
    if isinstance(raw, dict) and isinstance(raw.get("ladders"), dict):
        raw["ladders"] = {
            k: [s if isinstance(s, list) else [s] for s in (steps or [])] for k, steps in raw["ladders"].items()
        }
    return raw


def parse_policy(text: str, where: str = "policy") -> Policy:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: expected a mapping at the top level")
    try:
        policy = Policy.model_validate(_normalise_steps(raw))
    except ValidationError as exc:
        msgs = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise PolicyError(f"{where}: " + " | ".join(msgs)) from exc
    return policy.model_copy(update={"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})


def load_policy(path: Path | None = None) -> Policy:
    """The policy at `path`, or the built-in default."""
    if path is None:
        text = resources.files("vigil.policy").joinpath("default.yaml").read_text(encoding="utf-8")
        return parse_policy(text, "built-in policy")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read policy {path}: {exc.strerror or exc}") from exc
    return parse_policy(text, str(path))
