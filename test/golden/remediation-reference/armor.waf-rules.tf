# armor.waf-rules: Cloud Armor policies on internet-facing backends enforce OWASP WAF rules and rate limiting
# Resources: web-backend
# Change: Add enforced (preview = false) deny rules with evaluatePreconfiguredWaf('sqli-v33-stable') and ('xss-v33-stable'), and a throttle or rate_based_ban rule with rate_limit_options.
# Risks: Deny rules can block legitimate requests that look like attacks: watch the Cloud Armor logs after applying, and lower the sensitivity if needed.
#
# Rules are added to the existing policies as separate google_compute_security_policy_rule resources,
# at priorities 1000, 1001 and 2000: move them if the policy already uses those.
resource "google_compute_security_policy_rule" "edge_waf_sqli" {
  project         = "acme-prod"
  security_policy = "edge-waf"
  priority        = 1000
  action          = "deny(403)"
  preview         = false
  description     = "OWASP sqli"

  match {
    expr {
      expression = "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})"
    }
  }
}

resource "google_compute_security_policy_rule" "edge_waf_xss" {
  project         = "acme-prod"
  security_policy = "edge-waf"
  priority        = 1001
  action          = "deny(403)"
  preview         = false
  description     = "OWASP xss"

  match {
    expr {
      expression = "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})"
    }
  }
}

resource "google_compute_security_policy_rule" "edge_waf_rate_limit" {
  project         = "acme-prod"
  security_policy = "edge-waf"
  priority        = 2000
  action          = "throttle"
  preview         = false
  description     = "Per-client rate limit"

  match {
    versioned_expr = "SRC_IPS_V1"

    config {
      src_ip_ranges = ["*"]
    }
  }

  rate_limit_options {
    conform_action = "allow"
    exceed_action  = "deny(429)"
    enforce_on_key = "IP"

    rate_limit_threshold {
      count        = 600
      interval_sec = 60
    }
  }
}
