"""Public report intake: three report shapes, idempotent storage, case merging, reporter reputation."""

from vigil.intake.parse import ParsedReport, SubjectRef, parse_report
from vigil.intake.ratelimit import RateLimiter
from vigil.intake.reputation import TrackRecord, case_priority, reports_score, track_record

__all__ = ["ParsedReport", "RateLimiter", "SubjectRef", "TrackRecord", "case_priority", "parse_report",
           "reports_score", "track_record"]
