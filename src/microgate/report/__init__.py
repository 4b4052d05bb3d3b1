"""Reports: one result model, many formats."""

from microgate.report.model import CheckResult, Outcome, Report, RuleInfo

__all__ = ["CheckResult", "Outcome", "Report", "RuleInfo"]
