"""Layout builders: functions from plain values to Dash components."""
