# iam.just-in-time-access: No person holds a privileged role standing: owner-level access is requested just in time (PAM) and expires
# Resources: group:platform-admins@acme.example
# Change: Remove standing bindings of privileged roles to people and grant them through a Privileged Access Manager entitlement (google_privileged_access_manager_entitlement) with a short max_request_duration and an approver, or bind them with a condition that expires.
# Risks: Apply this, move the people of the standing bindings into the requesters group, then remove those bindings.
variable "requesters" {
  description = "Principal (e.g. group:oncall@example.com) who may request owner for an hour."
  type        = string
}

variable "approvers" {
  description = "Principal who approves each request."
  type        = string
}

resource "google_privileged_access_manager_entitlement" "owner_just_in_time" {
  parent               = "projects/acme-prod"
  location             = "global"
  entitlement_id       = "owner-just-in-time"
  max_request_duration = "3600s"

  eligible_users {
    principals = [var.requesters]
  }

  privileged_access {
    gcp_iam_access {
      resource_type = "cloudresourcemanager.googleapis.com/Project"
      resource      = "//cloudresourcemanager.googleapis.com/projects/acme-prod"

      role_bindings {
        role = "roles/owner"
      }
    }
  }

  requester_justification_config {
    unstructured {}
  }

  approval_workflow {
    manual_approvals {
      steps {
        approvals_needed = 1
        approvers {
          principals = [var.approvers]
        }
      }
    }
  }
}
