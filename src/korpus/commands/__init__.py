"""The korpus commands, one module per group; ``korpus.cli`` assembles them."""
