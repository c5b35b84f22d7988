from dhakacart.exceptions import DomainError


class ReviewError(DomainError):
    """A review that cannot be written or changed; nothing was written."""


class NotAllowedToReview(ReviewError):
    code = "review_not_allowed"
    status = 403


class AlreadyReviewed(ReviewError):
    code = "already_reviewed"
    status = 409


class ReviewNotFound(ReviewError):
    code = "review_not_found"
    status = 404


class InvalidReview(ReviewError):
    code = "invalid_review"
