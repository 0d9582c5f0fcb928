import { graphql } from "../gql";

/** The operator console's billing screens (tenants, invoices and payments, grids, revenue). */

export const TenantBillingQuery = graphql(`
  query TenantBilling {
    tenantBilling {
      tenantId
      tenantName
      tenantStatus
      suspendedReason
      plan {
        ...BillingPlanFields
      }
      nextPlan {
        ...BillingPlanFields
      }
      outstanding
      overdueInvoices
    }
    priceGrids {
      ...PriceGridFields
    }
  }
`);

export const SetTenantPlanMutation = graphql(`
  mutation SetTenantPlan(
    $tenantId: ID!
    $level: Int!
    $emailCommitment: Int!
    $smsCommitment: Int!
    $requestedOn: NaiveDate
  ) {
    setTenantPlan(
      tenantId: $tenantId
      level: $level
      emailCommitment: $emailCommitment
      smsCommitment: $smsCommitment
      requestedOn: $requestedOn
    ) {
      id
      level
      emailCommitment
      smsCommitment
      effectiveFrom
      requestedOn
    }
  }
`);

export const SetTenantBillingProfileMutation = graphql(`
  mutation SetTenantBillingProfile($tenantId: ID!, $input: BillingProfileInput!) {
    setTenantBillingProfile(tenantId: $tenantId, input: $input) {
      ...BillingProfileFields
    }
  }
`);

export const OperatorInvoicesQuery = graphql(`
  query OperatorInvoices($tenantId: ID, $overdueOnly: Boolean!) {
    operatorInvoices(tenantId: $tenantId, overdueOnly: $overdueOnly, first: 200) {
      ...InvoiceFields
    }
    tenantBilling {
      tenantId
      tenantName
      tenantStatus
    }
  }
`);

export const RunMonthlyInvoicesMutation = graphql(`
  mutation RunMonthlyInvoices($month: NaiveDate!) {
    runMonthlyInvoices(month: $month) {
      drafted
      issued
      failed
    }
  }
`);

export const IssueInvoiceMutation = graphql(`
  mutation IssueInvoice($tenantId: ID!, $invoiceId: ID!) {
    issueInvoice(tenantId: $tenantId, invoiceId: $invoiceId) {
      ...InvoiceFields
    }
  }
`);

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment(
    $tenantId: ID!
    $invoiceId: ID!
    $amount: Decimal!
    $paidOn: NaiveDate!
    $method: PaymentMethod!
    $reference: String
  ) {
    recordPayment(
      tenantId: $tenantId
      invoiceId: $invoiceId
      amount: $amount
      paidOn: $paidOn
      method: $method
      reference: $reference
    ) {
      ...InvoiceFields
    }
  }
`);

export const CreateCreditNoteMutation = graphql(`
  mutation CreateCreditNote($tenantId: ID!, $invoiceId: ID!, $reason: String!) {
    createCreditNote(tenantId: $tenantId, invoiceId: $invoiceId, reason: $reason) {
      ...InvoiceFields
    }
  }
`);

export const SendFormalNoticeMutation = graphql(`
  mutation SendFormalNotice($tenantId: ID!, $invoiceId: ID!) {
    sendFormalNotice(tenantId: $tenantId, invoiceId: $invoiceId) {
      ...InvoiceFields
    }
  }
`);

export const TerminateForNonPaymentMutation = graphql(`
  mutation TerminateForNonPayment($tenantId: ID!) {
    terminateForNonPayment(tenantId: $tenantId)
  }
`);

export const PriceGridsQuery = graphql(`
  query PriceGrids {
    priceGrids {
      ...PriceGridFields
    }
  }
`);

export const RevisePriceGridMutation = graphql(`
  mutation RevisePriceGrid($grid: JSON!, $structureChange: Boolean!, $note: String) {
    revisePriceGrid(grid: $grid, structureChange: $structureChange, note: $note) {
      version {
        ...PriceGridFields
      }
      changes {
        price
        from
        to
        percent
        isNew
        description
      }
      notified
    }
  }
`);

export const RevenueByMonthQuery = graphql(`
  query RevenueByMonth($months: Int!) {
    revenueByMonth(months: $months) {
      month
      invoicedExcludingTax
      creditedExcludingTax
      netExcludingTax
      invoices
    }
  }
`);
