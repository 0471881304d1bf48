"""Checks for the graded exercises, one module per exercise."""
