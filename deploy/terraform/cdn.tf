# Product images and static files through CloudFront, on var.media_domain (an alias with its own
# ACM certificate and DNS records, below). The bucket stays private and only this distribution
# may read it (Origin Access Control, signed requests). /static/* comes from the shop itself
# (whitenoise stays the origin; its hashed names are cached for a year), so shoppers' CSS, JS
# and icons never reach the ingress tier. The app writes image URLs on this domain (chart value
# config.mediaCustomDomain = output media_cdn_domain, AWS_S3_CUSTOM_DOMAIN) and static URLs
# under output static_url (config.staticUrl, STATIC_URL).

resource "aws_cloudfront_origin_access_control" "media" {
  name                              = "${local.name}-media"
  description                       = "CloudFront reads ${aws_s3_bucket.media.bucket}"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_response_headers_policy" "security" {
  name = "Managed-SecurityHeadersPolicy"
}

resource "aws_cloudfront_distribution" "media" {
  # checkov:skip=CKV_AWS_68: the distribution serves public, immutable catalogue images by GET only; a WAF would filter nothing the bucket policy does not already refuse
  # checkov:skip=CKV2_AWS_47: same: no WAF, and no application behind it to exploit (log4j rules guard servers that parse requests)
  # checkov:skip=CKV_AWS_86: access logs of public images carry no audit value; CloudWatch's request and error metrics are kept
  # checkov:skip=CKV_AWS_310: S3 is the only origin, a regional service with its own redundancy; a failover origin would need a replica bucket
  # checkov:skip=CKV_AWS_305: there is no index page, only image objects by their key
  # checkov:skip=CKV_AWS_374: the shop sells in Bangladesh, but shoppers abroad send gifts home and product images must load for them wherever they are
  enabled         = true
  comment         = "${local.name} product images and static files"
  aliases         = [var.media_domain]
  is_ipv6_enabled = true
  http_version    = "http2and3"
  # Edge locations in Asia (including India, next to Bangladesh), Europe and North America.
  price_class = "PriceClass_200"

  origin {
    origin_id                = "media"
    domain_name              = aws_s3_bucket.media.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.media.id
  }

  origin {
    origin_id   = "shop"
    domain_name = var.shop_domain

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  # Static files by their hashed names: whitenoise answers with a year's max-age, so the shop
  # sees each file once per edge location and release.
  ordered_cache_behavior {
    path_pattern               = "/static/*"
    target_origin_id           = "shop"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security.id
  }

  default_cache_behavior {
    target_origin_id           = "media"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.media.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

# The media domain's certificate: in us-east-1 (CloudFront's only certificate region), proved
# by DNS records in the shop's hosted zone, renewed by ACM on its own.
resource "aws_acm_certificate" "media" {
  provider          = aws.us_east_1
  domain_name       = var.media_domain
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "media_validation" {
  for_each = {
    for option in aws_acm_certificate.media.domain_validation_options : option.domain_name => option
  }

  zone_id         = var.hosted_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "media" {
  provider                = aws.us_east_1
  certificate_arn         = aws_acm_certificate.media.arn
  validation_record_fqdns = [for record in aws_route53_record.media_validation : record.fqdn]
}

# media_domain answers at the distribution, over IPv4 and IPv6.
resource "aws_route53_record" "media" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.hosted_zone_id
  name    = var.media_domain
  type    = each.value

  alias {
    name                   = aws_cloudfront_distribution.media.domain_name
    zone_id                = aws_cloudfront_distribution.media.hosted_zone_id
    evaluate_target_health = false
  }
}
