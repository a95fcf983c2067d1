# billing.budget: A budget with alert thresholds covers the project's spend
# Resources: billingAccounts/0X0X0X-0X0X0X-0X0X0X
# Change: Create a google_billing_budget on the billing account, filtered to this project (or unfiltered), with threshold_rules (e.g. 50%, 90%, 100%).
# Risks: None: a budget alerts, it does not stop spend (billing.budget-pubsub adds the topic for a cap).
resource "google_billing_budget" "project" {
  billing_account = "0X0X0X-0X0X0X-0X0X0X"
  display_name    = "project monthly"

  budget_filter {
    projects = ["projects/123456789012"]
  }

  amount {
    specified_amount {
      currency_code = "USD"
      units         = "1000"
    }
  }

  threshold_rules {
    threshold_percent = 0.5
  }

  threshold_rules {
    threshold_percent = 0.9
  }

  threshold_rules {
    threshold_percent = 1
    spend_basis       = "FORECASTED_SPEND"
  }
}
