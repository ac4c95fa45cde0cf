"""Normalisation rules: make equivalent text uniform where the user asks for it."""
