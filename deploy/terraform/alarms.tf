# CloudWatch alarms for what Prometheus in the cluster cannot see. Subscribe the on-call rota to
# output alarm_topic_arn (deploy/README.md, "Alarms").

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = aws_kms_key.main.id
}

# Redis bandwidth: a node sends at its baseline (cache.r6g.large: about 0.75 Gbps) and bursts
# above it on credits. When they run out, packets queue, reads time out, the app ignores cache
# errors and every page renders cold (docs/capacity.md, "Redis bandwidth"). ElastiCache counts
# the packets it shaped: any at all means the allowance is spent.
resource "aws_cloudwatch_metric_alarm" "redis_bandwidth" {
  count = var.redis_node_count

  alarm_name          = "${local.name}-redis-${count.index + 1}-bandwidth-allowance-exceeded"
  alarm_description   = "Redis node ${count.index + 1} ran out of network bandwidth allowance: cached reads time out and pages render cold."
  namespace           = "AWS/ElastiCache"
  metric_name         = "NetworkBandwidthOutAllowanceExceeded"
  dimensions          = { CacheClusterId = format("%s-%03d", aws_elasticache_replication_group.main.id, count.index + 1) }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
