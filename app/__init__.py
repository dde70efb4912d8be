"""Vägvisaren: a low-threshold guide to help for people subjected to violence in close relationships."""
