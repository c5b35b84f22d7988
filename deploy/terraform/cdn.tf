# Product images through CloudFront: the bucket stays private and only this distribution may
# read it (Origin Access Control, signed requests). The app writes image URLs on this domain
# (chart value config.mediaCustomDomain = output media_cdn_domain, AWS_S3_CUSTOM_DOMAIN).

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
  # checkov:skip=CKV_AWS_174: on the default *.cloudfront.net certificate CloudFront fixes the TLS policy; a custom domain's ACM certificate sets TLSv1.2_2021
  # checkov:skip=CKV2_AWS_42: same: the default certificate until a media domain with an ACM certificate in us-east-1 is chosen
  # checkov:skip=CKV_AWS_305: there is no index page, only image objects by their key
  # checkov:skip=CKV_AWS_374: the shop sells in Bangladesh, but shoppers abroad send gifts home and product images must load for them wherever they are
  enabled         = true
  comment         = "${local.name} product images"
  is_ipv6_enabled = true
  http_version    = "http2and3"
  # Edge locations in Asia (including India, next to Bangladesh), Europe and North America.
  price_class = "PriceClass_200"

  origin {
    origin_id                = "media"
    domain_name              = aws_s3_bucket.media.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.media.id
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
    cloudfront_default_certificate = true
  }
}
