# billing.budget-pubsub: A budget covering the project publishes to Pub/Sub, so spend can be capped automatically
# Resources: billingAccounts/0X0X0X-0X0X0X-0X0X0X
# Change: Set all_updates_rule.pubsub_topic on the project budget and subscribe a function that disables billing or scales down when spend passes the cap.
# Risks: Messages only: capping spend is what the subscriber does (e.g. disable billing), and that stops every service of the project.
#
# No budget covers the project yet: apply billing.budget.tf, then add an all_updates_rule with this topic to it.
resource "google_pubsub_topic" "budget" {
  project = "acme-prod"
  name    = "budget-alerts"
}
