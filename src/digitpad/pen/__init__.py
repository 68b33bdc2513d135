"""Digits people draw: the UNIPEN pen digits, the stroke renderer, writing styles added at the
stroke level, and drawings of no digit."""
