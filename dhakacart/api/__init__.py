"""What every API v1 door shares: the error shape, throttles, pagination and conditional GETs."""
