import { graphql } from "../gql";

/** The tenant's billing screens (consumption, simulator, offer, invoices). */

export const PriceLineFields = graphql(`
  fragment PriceLineFields on PriceLine {
    code
    label
    quantity
    unit
    unitPrice
    amount
  }
`);

export const PriceQuoteFields = graphql(`
  fragment PriceQuoteFields on PriceQuote {
    gridVersion
    lines {
      ...PriceLineFields
    }
    subtotal
    minimum
    minimumApplied
    totalExcludingTax
    vatRate
    vat
    totalIncludingTax
  }
`);

export const ConsumptionFields = graphql(`
  fragment ConsumptionFields on Consumption {
    day
    contacts
    users
    emails
    sms
    rnvpAddresses
    dedupAddresses
  }
`);

export const BillingPlanFields = graphql(`
  fragment BillingPlanFields on BillingPlan {
    level
    emailCommitment
    smsCommitment
    effectiveFrom
  }
`);

export const BillingProfileFields = graphql(`
  fragment BillingProfileFields on BillingProfile {
    legalName
    addressLines
    postcode
    city
    countryCode
    siren
    vatNumber
    invoiceEmail
  }
`);

export const PriceGridFields = graphql(`
  fragment PriceGridFields on PriceGridVersion {
    version
    kind
    effectiveFrom
    announcedAt
    note
    grid
    rules
  }
`);

export const InvoiceFields = graphql(`
  fragment InvoiceFields on Invoice {
    id
    tenantId
    kind
    status
    number
    periodStart
    periodEnd
    issueDate
    dueDate
    gridVersion
    lines {
      ...PriceLineFields
    }
    totalExcludingTax
    vatRate
    vat
    totalIncludingTax
    paid
    outstanding
    overdue
    daysLate
    lateInterest
    interestRatePercent
    recoveryIndemnity
    formalNoticeAt
    suspendedAt
    correctsInvoiceId
    reason
    htmlUrl
    pdfUrl
    xmlUrl
    payments {
      id
      amount
      paidOn
      method
      reference
      recordedAt
    }
  }
`);

export const ConsumptionQuery = graphql(`
  query BillingConsumption($from: NaiveDate!, $to: NaiveDate!) {
    consumptionByDay(from: $from, to: $to) {
      ...ConsumptionFields
    }
    consumptionByMonth(months: 12) {
      ...ConsumptionFields
    }
    billingEstimate {
      month {
        ...ConsumptionFields
      }
      daysSampled
      quote {
        ...PriceQuoteFields
      }
    }
  }
`);

export const LatestInvoicesQuery = graphql(`
  query LatestInvoices($first: Int, $after: String) {
    invoices(first: $first, after: $after) {
      nodes {
        ...InvoiceFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const InvoiceQuery = graphql(`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceFields
    }
  }
`);

export const PriceQuoteQuery = graphql(`
  query PriceQuote($usage: UsageInput!) {
    priceQuote(usage: $usage) {
      ...PriceQuoteFields
    }
  }
`);

export const SimulatorContextQuery = graphql(`
  query SimulatorContext {
    priceGrid {
      ...PriceGridFields
    }
    planAdvice(months: 6) {
      months
      actualTotal
      bestLevel
      bestEmailCommitment
      bestSmsCommitment
      bestTotal
      saving
    }
  }
`);

export const BillingOfferQuery = graphql(`
  query BillingOffer {
    billingPlan {
      current {
        ...BillingPlanFields
      }
      next {
        ...BillingPlanFields
      }
      history {
        id
        level
        emailCommitment
        smsCommitment
        effectiveFrom
        requestedOn
        recordedAt
      }
    }
    priceGrid {
      ...PriceGridFields
    }
    billingProfile {
      ...BillingProfileFields
    }
  }
`);

export const UpdateBillingProfileMutation = graphql(`
  mutation UpdateBillingProfile($input: BillingProfileInput!) {
    updateBillingProfile(input: $input) {
      ...BillingProfileFields
    }
  }
`);
