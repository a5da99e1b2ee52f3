"""The figures layer: numbers, units, quantities, money, approximations."""
