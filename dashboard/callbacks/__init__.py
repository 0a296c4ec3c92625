"""Thin callbacks: unpack the inputs, call pure functions, return."""
