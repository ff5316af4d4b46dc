"""restcheck: check OpenAPI documents against Polar's REST API guidelines."""

__version__ = "0.1.0"
