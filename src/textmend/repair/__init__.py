"""Repair rules: each module undoes one family of damage."""
