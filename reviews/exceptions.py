from dhakacart.exceptions import DomainError


class ReviewError(DomainError):
    """A review that cannot be written or changed; nothing was written."""


class NotAllowedToReview(ReviewError):
    code = "review_not_allowed"


class AlreadyReviewed(ReviewError):
    code = "already_reviewed"


class ReviewNotFound(ReviewError):
    code = "review_not_found"


class InvalidReview(ReviewError):
    code = "invalid_review"
