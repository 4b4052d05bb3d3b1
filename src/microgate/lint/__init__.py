"""Validation stage: prompt, circuit, secret and static-security lint of one app."""
