/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    lastUsedIp\n    expiresAt\n    revokedAt\n  }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n    apiTokenPolicy {\n      defaultLifetimeDays\n      maxLifetimeDays\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment CustomFieldFields on CustomField {\n    id\n    key\n    label\n    kind\n    options\n    createdAt\n  }\n": typeof types.CustomFieldFieldsFragmentDoc,
    "\n  query CustomFields {\n    customFields {\n      ...CustomFieldFields\n    }\n  }\n": typeof types.CustomFieldsDocument,
    "\n  mutation CreateCustomField($input: CreateCustomFieldInput!) {\n    createCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n": typeof types.CreateCustomFieldDocument,
    "\n  mutation UpdateCustomField($input: UpdateCustomFieldInput!) {\n    updateCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n": typeof types.UpdateCustomFieldDocument,
    "\n  mutation DeleteCustomField($input: DeleteCustomFieldInput!) {\n    deleteCustomField(input: $input) {\n      deletedCustomFieldId\n    }\n  }\n": typeof types.DeleteCustomFieldDocument,
    "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConnectionLogDocument,
    "\n  query AuditLog($first: Int, $after: String, $search: AuditSearchInput) {\n    auditLog(first: $first, after: $after, search: $search) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n        sealedPosition\n        redactedAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditCheckpoint {\n    auditCheckpoint {\n      size\n      root\n      sealedAt\n      publicKey\n    }\n  }\n": typeof types.AuditCheckpointDocument,
    "\n  query AuditProofBundle($ids: [ID!]!) {\n    auditProofBundle(entryIds: $ids)\n  }\n": typeof types.AuditProofBundleDocument,
    "\n  fragment AllowedNetworkFields on AllowedNetwork {\n    id\n    cidr\n    description\n  }\n": typeof types.AllowedNetworkFieldsFragmentDoc,
    "\n  query AllowedNetworks {\n    allowedNetworks {\n      ...AllowedNetworkFields\n    }\n  }\n": typeof types.AllowedNetworksDocument,
    "\n  mutation SetAllowedNetworks($input: SetAllowedNetworksInput!) {\n    setAllowedNetworks(input: $input) {\n      allowedNetworks {\n        ...AllowedNetworkFields\n      }\n    }\n  }\n": typeof types.SetAllowedNetworksDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": typeof types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.SetUserRightsDocument,
    "\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CloseUserDocument,
    "\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.ReopenUserDocument,
    "\n  mutation RecordPageView($input: RecordPageViewInput!) {\n    recordPageView(input: $input) {\n      recorded\n      newVisit\n    }\n  }\n": typeof types.RecordPageViewDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  fragment PriceLineFields on PriceLine {\n    code\n    label\n    quantity\n    unit\n    unitPrice\n    amount\n  }\n": typeof types.PriceLineFieldsFragmentDoc,
    "\n  fragment PriceQuoteFields on PriceQuote {\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    subtotal\n    minimum\n    minimumApplied\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n  }\n": typeof types.PriceQuoteFieldsFragmentDoc,
    "\n  fragment ConsumptionFields on Consumption {\n    day\n    contacts\n    users\n    emails\n    sms\n    rnvpAddresses\n    dedupAddresses\n  }\n": typeof types.ConsumptionFieldsFragmentDoc,
    "\n  fragment BillingPlanFields on BillingPlan {\n    level\n    emailCommitment\n    smsCommitment\n    effectiveFrom\n  }\n": typeof types.BillingPlanFieldsFragmentDoc,
    "\n  fragment BillingProfileFields on BillingProfile {\n    legalName\n    addressLines\n    postcode\n    city\n    countryCode\n    siren\n    vatNumber\n    invoiceEmail\n  }\n": typeof types.BillingProfileFieldsFragmentDoc,
    "\n  fragment PriceGridFields on PriceGridVersion {\n    version\n    kind\n    effectiveFrom\n    announcedAt\n    note\n    grid\n    rules\n  }\n": typeof types.PriceGridFieldsFragmentDoc,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    tenantId\n    kind\n    status\n    number\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n    paid\n    outstanding\n    overdue\n    daysLate\n    lateInterest\n    interestRatePercent\n    recoveryIndemnity\n    formalNoticeAt\n    suspendedAt\n    correctsInvoiceId\n    reason\n    htmlUrl\n    pdfUrl\n    xmlUrl\n    payments {\n      id\n      amount\n      paidOn\n      method\n      reference\n      recordedAt\n    }\n  }\n": typeof types.InvoiceFieldsFragmentDoc,
    "\n  query BillingConsumption($from: NaiveDate!, $to: NaiveDate!) {\n    consumptionByDay(from: $from, to: $to) {\n      ...ConsumptionFields\n    }\n    consumptionByMonth(months: 12) {\n      ...ConsumptionFields\n    }\n    billingEstimate {\n      month {\n        ...ConsumptionFields\n      }\n      daysSampled\n      quote {\n        ...PriceQuoteFields\n      }\n    }\n  }\n": typeof types.BillingConsumptionDocument,
    "\n  query LatestInvoices($first: Int, $after: String) {\n    invoices(first: $first, after: $after) {\n      nodes {\n        ...InvoiceFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.LatestInvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.InvoiceDocument,
    "\n  query PriceQuote($usage: UsageInput!) {\n    priceQuote(usage: $usage) {\n      ...PriceQuoteFields\n    }\n  }\n": typeof types.PriceQuoteDocument,
    "\n  query SimulatorContext {\n    priceGrid {\n      ...PriceGridFields\n    }\n    planAdvice(months: 6) {\n      months\n      actualTotal\n      bestLevel\n      bestEmailCommitment\n      bestSmsCommitment\n      bestTotal\n      saving\n    }\n  }\n": typeof types.SimulatorContextDocument,
    "\n  query BillingOffer {\n    billingPlan {\n      current {\n        ...BillingPlanFields\n      }\n      next {\n        ...BillingPlanFields\n      }\n      history {\n        id\n        level\n        emailCommitment\n        smsCommitment\n        effectiveFrom\n        requestedOn\n        recordedAt\n      }\n    }\n    priceGrid {\n      ...PriceGridFields\n    }\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n": typeof types.BillingOfferDocument,
    "\n  mutation UpdateBillingProfile($input: BillingProfileInput!) {\n    updateBillingProfile(input: $input) {\n      ...BillingProfileFields\n    }\n  }\n": typeof types.UpdateBillingProfileDocument,
    "\n  query TenantBilling {\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n      suspendedReason\n      plan {\n        ...BillingPlanFields\n      }\n      nextPlan {\n        ...BillingPlanFields\n      }\n      outstanding\n      overdueInvoices\n    }\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n": typeof types.TenantBillingDocument,
    "\n  mutation SetTenantPlan(\n    $tenantId: ID!\n    $level: Int!\n    $emailCommitment: Int!\n    $smsCommitment: Int!\n    $requestedOn: NaiveDate\n  ) {\n    setTenantPlan(\n      tenantId: $tenantId\n      level: $level\n      emailCommitment: $emailCommitment\n      smsCommitment: $smsCommitment\n      requestedOn: $requestedOn\n    ) {\n      id\n      level\n      emailCommitment\n      smsCommitment\n      effectiveFrom\n      requestedOn\n    }\n  }\n": typeof types.SetTenantPlanDocument,
    "\n  mutation SetTenantBillingProfile($tenantId: ID!, $input: BillingProfileInput!) {\n    setTenantBillingProfile(tenantId: $tenantId, input: $input) {\n      ...BillingProfileFields\n    }\n  }\n": typeof types.SetTenantBillingProfileDocument,
    "\n  query OperatorInvoices($tenantId: ID, $overdueOnly: Boolean!) {\n    operatorInvoices(tenantId: $tenantId, overdueOnly: $overdueOnly, first: 200) {\n      ...InvoiceFields\n    }\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n    }\n  }\n": typeof types.OperatorInvoicesDocument,
    "\n  mutation RunMonthlyInvoices($month: NaiveDate!) {\n    runMonthlyInvoices(month: $month) {\n      drafted\n      issued\n      failed\n    }\n  }\n": typeof types.RunMonthlyInvoicesDocument,
    "\n  mutation IssueInvoice($tenantId: ID!, $invoiceId: ID!) {\n    issueInvoice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.IssueInvoiceDocument,
    "\n  mutation RecordPayment(\n    $tenantId: ID!\n    $invoiceId: ID!\n    $amount: Decimal!\n    $paidOn: NaiveDate!\n    $method: PaymentMethod!\n    $reference: String\n  ) {\n    recordPayment(\n      tenantId: $tenantId\n      invoiceId: $invoiceId\n      amount: $amount\n      paidOn: $paidOn\n      method: $method\n      reference: $reference\n    ) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation CreateCreditNote($tenantId: ID!, $invoiceId: ID!, $reason: String!) {\n    createCreditNote(tenantId: $tenantId, invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.CreateCreditNoteDocument,
    "\n  mutation SendFormalNotice($tenantId: ID!, $invoiceId: ID!) {\n    sendFormalNotice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.SendFormalNoticeDocument,
    "\n  mutation TerminateForNonPayment($tenantId: ID!) {\n    terminateForNonPayment(tenantId: $tenantId)\n  }\n": typeof types.TerminateForNonPaymentDocument,
    "\n  query PriceGrids {\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n": typeof types.PriceGridsDocument,
    "\n  mutation RevisePriceGrid($grid: JSON!, $structureChange: Boolean!, $note: String) {\n    revisePriceGrid(grid: $grid, structureChange: $structureChange, note: $note) {\n      version {\n        ...PriceGridFields\n      }\n      changes {\n        price\n        from\n        to\n        percent\n        isNew\n        description\n      }\n      notified\n    }\n  }\n": typeof types.RevisePriceGridDocument,
    "\n  query RevenueByMonth($months: Int!) {\n    revenueByMonth(months: $months) {\n      month\n      invoicedExcludingTax\n      creditedExcludingTax\n      netExcludingTax\n      invoices\n    }\n  }\n": typeof types.RevenueByMonthDocument,
    "\n  fragment SmsMeasureFields on SmsMeasure {\n    encoding\n    units\n    segments\n    perSegment\n    remainingInSegment\n    nonGsmCharacters\n  }\n": typeof types.SmsMeasureFieldsFragmentDoc,
    "\n  fragment TemplateFields on MessageTemplate {\n    id\n    name\n    channel\n    subject\n    htmlBody\n    textBody\n    createdAt\n    updatedAt\n    smsMeasure {\n      ...SmsMeasureFields\n    }\n  }\n": typeof types.TemplateFieldsFragmentDoc,
    "\n  query MessageTemplates($first: Int, $after: String) {\n    messageTemplates(first: $first, after: $after) {\n      nodes {\n        ...TemplateFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MessageTemplatesDocument,
    "\n  query MessageTemplate($id: ID!) {\n    messageTemplate(id: $id) {\n      ...TemplateFields\n    }\n  }\n": typeof types.MessageTemplateDocument,
    "\n  query MergeFields {\n    mergeFields\n  }\n": typeof types.MergeFieldsDocument,
    "\n  query MeasureSms($text: String!) {\n    measureSms(text: $text) {\n      ...SmsMeasureFields\n    }\n  }\n": typeof types.MeasureSmsDocument,
    "\n  query PreviewMessage($templateId: ID!, $contactId: ID!) {\n    previewMessage(templateId: $templateId, contactId: $contactId) {\n      subject\n      html\n      text\n      smsMeasure {\n        ...SmsMeasureFields\n      }\n    }\n  }\n": typeof types.PreviewMessageDocument,
    "\n  query PreviewContacts($search: String, $first: Int) {\n    contacts(first: $first, search: $search) {\n      nodes {\n        id\n        firstName\n        lastName\n        personalEmail\n        mobilePhone\n      }\n    }\n  }\n": typeof types.PreviewContactsDocument,
    "\n  fragment SenderFields on CampaignSender {\n    id\n    channel\n    address\n    displayName\n    replyTo\n  }\n": typeof types.SenderFieldsFragmentDoc,
    "\n  query CampaignSenders {\n    campaignSenders {\n      ...SenderFields\n    }\n  }\n": typeof types.CampaignSendersDocument,
    "\n  mutation CreateMessageTemplate($input: MessageTemplateInput!) {\n    createMessageTemplate(input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n": typeof types.CreateMessageTemplateDocument,
    "\n  mutation UpdateMessageTemplate($id: ID!, $input: MessageTemplateInput!) {\n    updateMessageTemplate(id: $id, input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n": typeof types.UpdateMessageTemplateDocument,
    "\n  mutation DeleteMessageTemplate($id: ID!) {\n    deleteMessageTemplate(id: $id) {\n      template {\n        id\n      }\n    }\n  }\n": typeof types.DeleteMessageTemplateDocument,
    "\n  mutation SendTestMessage($input: SendTestMessageInput!) {\n    sendTestMessage(input: $input)\n  }\n": typeof types.SendTestMessageDocument,
    "\n  fragment SendStatsFields on SendStats {\n    targeted\n    queued\n    waitingQuietHours\n    sending\n    sent\n    failed\n    bounced\n    uncertain\n    cancelled\n    excludedNoConsent\n    excludedSuppressed\n    excludedInvalidAddress\n    excludedDuplicate\n    unsubscribed\n    opened\n    clicked\n  }\n": typeof types.SendStatsFieldsFragmentDoc,
    "\n  fragment CampaignListFields on Campaign {\n    id\n    name\n    channel\n    status\n    plan\n    nextRunAt\n    createdAt\n    stats {\n      sent\n    }\n  }\n": typeof types.CampaignListFieldsFragmentDoc,
    "\n  query Campaigns($first: Int, $after: String) {\n    campaigns(first: $first, after: $after) {\n      nodes {\n        ...CampaignListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      channel\n      status\n      segmentId\n      templateId\n      senderId\n      marketing\n      plan\n      scheduledAt\n      cron\n      nextRunAt\n      runsStarted\n      createdAt\n      updatedAt\n      planDescription\n      abTest {\n        templateId\n        sharePercent\n        winnerBy\n        decideAfterMinutes\n        winner\n      }\n      stats {\n        ...SendStatsFields\n      }\n      runs {\n        id\n        number\n        status\n        dueAt\n        startedAt\n        finishedAt\n        stats {\n          ...SendStatsFields\n        }\n        abSides {\n          variant\n          sent\n          opened\n          clicked\n        }\n      }\n    }\n  }\n": typeof types.CampaignDocument,
    "\n  query WizardSegments($first: Int) {\n    segments(first: $first) {\n      nodes {\n        id\n        name\n        description\n        count\n      }\n    }\n  }\n": typeof types.WizardSegmentsDocument,
    "\n  query UpcomingRuns($cron: String!, $count: Int) {\n    upcomingRuns(cron: $cron, count: $count)\n  }\n": typeof types.UpcomingRunsDocument,
    "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.CreateCampaignDocument,
    "\n  mutation LaunchCampaign($id: ID!) {\n    launchCampaign(id: $id) {\n      campaign {\n        id\n        status\n        nextRunAt\n      }\n    }\n  }\n": typeof types.LaunchCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.PauseCampaignDocument,
    "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ResumeCampaignDocument,
    "\n  mutation CancelCampaign($id: ID!) {\n    cancelCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": typeof types.CancelCampaignDocument,
    "\n  mutation ChooseAbWinner($id: ID!, $winner: Variant!) {\n    chooseAbWinner(id: $id, winner: $winner) {\n      campaign {\n        id\n        status\n        abTest {\n          templateId\n          sharePercent\n          winnerBy\n          decideAfterMinutes\n          winner\n        }\n      }\n    }\n  }\n": typeof types.ChooseAbWinnerDocument,
    "\n  query CampaignTracking {\n    campaignTracking\n  }\n": typeof types.CampaignTrackingDocument,
    "\n  mutation SetCampaignTracking($enabled: Boolean!) {\n    setCampaignTracking(enabled: $enabled)\n  }\n": typeof types.SetCampaignTrackingDocument,
    "\n  fragment SuppressionFields on Suppression {\n    channel\n    valueHash\n    masked\n    reason\n    campaignId\n    createdAt\n  }\n": typeof types.SuppressionFieldsFragmentDoc,
    "\n  query Suppressions($channel: Channel, $first: Int, $offset: Int) {\n    suppressions(channel: $channel, first: $first, offset: $offset) {\n      ...SuppressionFields\n    }\n  }\n": typeof types.SuppressionsDocument,
    "\n  query FindSuppression($channel: Channel!, $value: String!) {\n    findSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n": typeof types.FindSuppressionDocument,
    "\n  mutation AddSuppression($channel: Channel!, $value: String!) {\n    addSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n": typeof types.AddSuppressionDocument,
    "\n  mutation RemoveSuppression($channel: Channel!, $valueHash: String!) {\n    removeSuppression(channel: $channel, valueHash: $valueHash) {\n      valueHash\n    }\n  }\n": typeof types.RemoveSuppressionDocument,
    "\n  query TenantCampaignSenders($tenantId: ID!) {\n    tenantCampaignSenders(tenantId: $tenantId) {\n      ...SenderFields\n    }\n  }\n": typeof types.TenantCampaignSendersDocument,
    "\n  mutation AllowCampaignSender($input: AllowCampaignSenderInput!) {\n    allowCampaignSender(input: $input) {\n      ...SenderFields\n    }\n  }\n": typeof types.AllowCampaignSenderDocument,
    "\n  mutation WithdrawCampaignSender($tenantId: ID!, $id: ID!) {\n    withdrawCampaignSender(tenantId: $tenantId, id: $id) {\n      id\n    }\n  }\n": typeof types.WithdrawCampaignSenderDocument,
    "\n  fragment ContactListFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    personalEmail\n    mobilePhone\n    postalCode\n    city\n    createdAt\n  }\n": typeof types.ContactListFieldsFragmentDoc,
    "\n  query Contacts(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    jobTitle\n    personalEmail\n    professionalEmail\n    landlinePhone\n    mobilePhone\n    addressLine1\n    addressLine2\n    addressLine3\n    addressLine4\n    addressLine5\n    addressLine6\n    postalCode\n    city\n    country\n    birthDate\n    maritalStatus\n    gender\n    nationality\n    spokenLanguage\n    createdAt\n    updatedAt\n    consents {\n      channel\n      status\n      collectedAt\n      source\n      wording\n      ip\n    }\n    customValues {\n      key\n      label\n      kind\n      value\n    }\n  }\n": typeof types.ContactFieldsFragmentDoc,
    "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n      history(first: 20) {\n        nodes {\n          id\n          at\n          action\n          actorKind\n          before\n          after\n        }\n      }\n    }\n  }\n": typeof types.ContactDocument,
    "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": typeof types.UpdateContactDocument,
    "\n  mutation DeleteContact($input: DeleteContactInput!) {\n    deleteContact(input: $input) {\n      deletedContactId\n    }\n  }\n": typeof types.DeleteContactDocument,
    "\n  mutation SetContactConsent($input: SetContactConsentInput!) {\n    setContactConsent(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": typeof types.SetContactConsentDocument,
    "\n  query SegmentFilters {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n        definition\n      }\n    }\n  }\n": typeof types.SegmentFiltersDocument,
    "\n  query ContactCursors(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactCursorsDocument,
    "\n  query ContactTotal($filter: SegmentNodeInput) {\n    contactCount(definition: $filter)\n  }\n": typeof types.ContactTotalDocument,
    "\n  query ContactExport(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactExportDocument,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": typeof types.CreateContactDocument,
    "\n  query HomeCounts($email: SegmentNodeInput!, $sms: SegmentNodeInput!, $post: SegmentNodeInput!) {\n    total: contactCount\n    email: contactCount(definition: $email)\n    sms: contactCount(definition: $sms)\n    post: contactCount(definition: $post)\n  }\n": typeof types.HomeCountsDocument,
    "\n  query HomePostalRuns {\n    postalRuns(first: 20) {\n      nodes {\n        id\n        kind\n        status\n        percent\n        total\n        processed\n        createdAt\n      }\n    }\n  }\n": typeof types.HomePostalRunsDocument,
    "\n  query OperatorHome($from: NaiveDate!, $to: NaiveDate!) {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n    tenants(first: 100) {\n      nodes {\n        id\n        status\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    jobsNeedingAttention {\n      id\n      status\n    }\n    usageAnalytics(from: $from, to: $to) {\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n    }\n  }\n": typeof types.OperatorHomeDocument,
    "\n  query Feeds {\n    feeds {\n      id\n      name\n      mappingId\n      everyMinutes\n      inboxPath\n      nextRunAt\n      lastRunAt\n      createdAt\n    }\n    importMappings {\n      id\n      name\n    }\n  }\n": typeof types.FeedsDocument,
    "\n  mutation CreateFeed($input: CreateFeedInput!) {\n    createFeed(input: $input) {\n      feed {\n        id\n        name\n        inboxPath\n      }\n    }\n  }\n": typeof types.CreateFeedDocument,
    "\n  mutation DeleteFeed($input: DeleteFeedInput!) {\n    deleteFeed(input: $input) {\n      deletedFeedId\n    }\n  }\n": typeof types.DeleteFeedDocument,
    "\n  fragment ImportColumnFields on ImportColumn {\n    column\n    field\n    customFieldKey\n    consentChannel\n    consentDetail\n    whenEmpty\n  }\n": typeof types.ImportColumnFieldsFragmentDoc,
    "\n  query ImportPreview($uploadId: ID!) {\n    importPreview(uploadId: $uploadId) {\n      encoding\n      delimiter\n      headers\n      rows\n      suggestedColumns {\n        ...ImportColumnFields\n      }\n      problem {\n        reason\n        message\n      }\n      rowProblems {\n        line\n        reason\n        message\n      }\n    }\n    importMappings {\n      id\n      name\n      upsertKey\n      createdAt\n      columns {\n        ...ImportColumnFields\n      }\n    }\n    customFields {\n      key\n      label\n    }\n  }\n": typeof types.ImportPreviewDocument,
    "\n  mutation CreateImportMapping($input: CreateImportMappingInput!) {\n    createImportMapping(input: $input) {\n      importMapping {\n        id\n        name\n        upsertKey\n        createdAt\n        columns {\n          ...ImportColumnFields\n        }\n      }\n    }\n  }\n": typeof types.CreateImportMappingDocument,
    "\n  fragment ImportFields on Import {\n    id\n    filename\n    status\n    dryRun\n    upsertKey\n    failure\n    encoding\n    delimiter\n    progressPercent\n    rowsDone\n    rowsCreated\n    rowsUpdated\n    rowsUnchanged\n    rowsFailed\n    createdAt\n    startedAt\n    finishedAt\n    errorReportUrl\n  }\n": typeof types.ImportFieldsFragmentDoc,
    "\n  mutation StartImport($input: StartImportInput!) {\n    startImport(input: $input) {\n      import {\n        ...ImportFields\n      }\n    }\n  }\n": typeof types.StartImportDocument,
    "\n  query Import($id: ID!) {\n    import(id: $id) {\n      ...ImportFields\n      errors(first: 50) {\n        nodes {\n          line\n          column\n          reason\n          message\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.ImportDocument,
    "\n  query Imports($first: Int, $after: String) {\n    imports(first: $first, after: $after) {\n      nodes {\n        ...ImportFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ImportsDocument,
    "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      ...ImportFields\n    }\n  }\n": typeof types.ImportProgressDocument,
    "\n  query PlatformAuditLog($first: Int, $after: String, $tenantId: ID, $search: AuditSearchInput) {\n    platformAuditLog(first: $first, after: $after, tenantId: $tenantId, search: $search) {\n      nodes {\n        id\n        tenantId\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        sealedPosition\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PlatformAuditLogDocument,
    "\n  fragment DurableJobFields on DurableJob {\n    id\n    kind\n    status\n    tenantId\n    attempts\n    maxAttempts\n    lastError\n    runAt\n    lockedUntil\n    createdAt\n    finishedAt\n  }\n": typeof types.DurableJobFieldsFragmentDoc,
    "\n  query JobsNeedingAttention {\n    jobsNeedingAttention {\n      ...DurableJobFields\n    }\n  }\n": typeof types.JobsNeedingAttentionDocument,
    "\n  query JobTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.JobTenantsDocument,
    "\n  mutation RetryJob($id: ID!) {\n    retryJob(id: $id) {\n      job {\n        ...DurableJobFields\n      }\n    }\n  }\n": typeof types.RetryJobDocument,
    "\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n": typeof types.TenantFieldsFragmentDoc,
    "\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TenantsDocument,
    "\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n": typeof types.CreateTenantDocument,
    "\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": typeof types.SuspendTenantDocument,
    "\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": typeof types.ReactivateTenantDocument,
    "\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n": typeof types.PlatformHealthDocument,
    "\n  fragment AnnouncementFields on Announcement {\n    id\n    severity\n    textFr\n    textEn\n    startsAt\n    endsAt\n    endedAt\n    tenantId\n    status\n    updatedAt\n  }\n": typeof types.AnnouncementFieldsFragmentDoc,
    "\n  query Announcements($first: Int, $after: String) {\n    announcements(first: $first, after: $after) {\n      nodes {\n        ...AnnouncementFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AnnouncementsDocument,
    "\n  query AnnouncementTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AnnouncementTenantsDocument,
    "\n  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {\n    createAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": typeof types.CreateAnnouncementDocument,
    "\n  mutation UpdateAnnouncement($input: UpdateAnnouncementInput!) {\n    updateAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": typeof types.UpdateAnnouncementDocument,
    "\n  mutation EndAnnouncement($input: EndAnnouncementInput!) {\n    endAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": typeof types.EndAnnouncementDocument,
    "\n  query UsageAnalytics($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) {\n    usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {\n      from\n      to\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      days {\n        date\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      topPages {\n        path\n        pageViews\n        uniqueVisitors\n      }\n      tenants {\n        tenantId\n        tenantName\n        pageViews\n        visits\n        uniqueVisitors\n        activeDays\n      }\n      returnFrequency {\n        visits\n        firstVisits\n        sameDay\n        withinWeek\n        withinMonth\n        later\n        shareWithin7Days\n        shareWithin30Days\n      }\n    }\n  }\n": typeof types.UsageAnalyticsDocument,
    "\n  fragment PostalRunFields on PostalRun {\n    id\n    kind\n    segmentId\n    status\n    total\n    processed\n    percent\n    valid\n    corrected\n    invalid\n    groups\n    error\n    createdAt\n    finishedAt\n  }\n": typeof types.PostalRunFieldsFragmentDoc,
    "\n  query PostalRuns($first: Int, $after: String) {\n    postalRuns(first: $first, after: $after) {\n      nodes {\n        ...PostalRunFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PostalRunsDocument,
    "\n  query SegmentChoices {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SegmentChoicesDocument,
    "\n  query PostalRun($id: ID!) {\n    postalRun(id: $id) {\n      ...PostalRunFields\n    }\n  }\n": typeof types.PostalRunDocument,
    "\n  fragment AddressReasonFields on AddressReason {\n    code\n    severity\n    labelFr\n    labelEn\n  }\n": typeof types.AddressReasonFieldsFragmentDoc,
    "\n  query RnvpResults($runId: ID!, $status: AddressStatus, $first: Int, $after: String) {\n    rnvpResults(runId: $runId, status: $status, first: $first, after: $after) {\n      nodes {\n        contactId\n        lines\n        status\n        appliedAt\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RnvpResultsDocument,
    "\n  query DuplicateGroups($runId: ID!, $first: Int, $after: String) {\n    duplicateGroups(runId: $runId, first: $first, after: $after) {\n      nodes {\n        id\n        confidence\n        status\n        survivorId\n        decidedAt\n        contacts {\n          id\n          externalId\n          civility\n          firstName\n          lastName\n          personalEmail\n          mobilePhone\n          addressLine4\n          postalCode\n          city\n          birthDate\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DuplicateGroupsDocument,
    "\n  mutation StartRnvpRun($input: StartPostalRunInput!) {\n    startRnvpRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n": typeof types.StartRnvpRunDocument,
    "\n  mutation StartDedupRun($input: StartPostalRunInput!) {\n    startDedupRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n": typeof types.StartDedupRunDocument,
    "\n  mutation ApplyRnvpCorrections($input: ApplyRnvpCorrectionsInput!) {\n    applyRnvpCorrections(input: $input) {\n      appliedCount\n    }\n  }\n": typeof types.ApplyRnvpCorrectionsDocument,
    "\n  mutation MergeDuplicateGroup($input: MergeDuplicateGroupInput!) {\n    mergeDuplicateGroup(input: $input) {\n      survivorId\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n": typeof types.MergeDuplicateGroupDocument,
    "\n  mutation DismissDuplicateGroup($input: DismissDuplicateGroupInput!) {\n    dismissDuplicateGroup(input: $input) {\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n": typeof types.DismissDuplicateGroupDocument,
    "\n  mutation NormalizeAddresses($input: NormalizeAddressesInput!) {\n    normalizeAddresses(input: $input) {\n      addresses {\n        lines\n        status\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n    }\n  }\n": typeof types.NormalizeAddressesDocument,
    "\n  query RnvpContact($id: ID!) {\n    contact(id: $id) {\n      id\n      civility\n      firstName\n      lastName\n      companyName\n      addressLine1\n      addressLine2\n      addressLine3\n      addressLine4\n      addressLine5\n      addressLine6\n      postalCode\n      city\n      updatedAt\n    }\n  }\n": typeof types.RnvpContactDocument,
    "\n  query PostalRunScopeCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n": typeof types.PostalRunScopeCountDocument,
    "\n  query PostalSegmentDefinition($id: ID!) {\n    segment(id: $id) {\n      id\n      definition\n    }\n  }\n": typeof types.PostalSegmentDefinitionDocument,
    "\n  query CustomFieldsForSegments {\n    customFields {\n      id\n      key\n      label\n      kind\n      options\n    }\n  }\n": typeof types.CustomFieldsForSegmentsDocument,
    "\n  query ContactCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n": typeof types.ContactCountDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    definition\n    createdAt\n    updatedAt\n    exportUrl\n  }\n": typeof types.SegmentFieldsFragmentDoc,
    "\n  query Segments($first: Int, $after: String) {\n    segments(first: $first, after: $after) {\n      nodes {\n        ...SegmentFields\n        count\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SegmentsDocument,
    "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentFields\n    }\n  }\n": typeof types.SegmentDocument,
    "\n  query SegmentSample($definition: SegmentNodeInput!, $first: Int) {\n    segmentSample(definition: $definition, first: $first) {\n      nodes {\n        id\n        civility\n        firstName\n        lastName\n        personalEmail\n        postalCode\n        city\n      }\n    }\n  }\n": typeof types.SegmentSampleDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      deletedSegmentId\n    }\n  }\n": typeof types.DeleteSegmentDocument,
    "\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query ActiveAnnouncements {\n    activeAnnouncements {\n      id\n      severity\n      textFr\n      textEn\n      updatedAt\n    }\n  }\n": typeof types.ActiveAnnouncementsDocument,
    "\n  fragment TicketSummaryFields on Ticket {\n    id\n    tenantId\n    number\n    kind\n    proposedPriority\n    priority\n    qualified\n    status\n    subject\n    channel\n    requesterEmail\n    assignedTo\n    openedAt\n    respondedAt\n    dueAt\n    businessMinutesLeft\n    answeredInTime\n    workaroundAt\n    resolvedAt\n    closedAt\n    closedReason\n  }\n": typeof types.TicketSummaryFieldsFragmentDoc,
    "\n  fragment TicketThreadFields on Ticket {\n    ...TicketSummaryFields\n    messages {\n      id\n      authorKind\n      authorName\n      body\n      createdAt\n      attachments {\n        id\n        filename\n        contentType\n        sizeBytes\n        url\n      }\n    }\n    events {\n      action\n      actorKind\n      actorName\n      at\n      detail\n    }\n  }\n": typeof types.TicketThreadFieldsFragmentDoc,
    "\n  query MyTickets($first: Int, $after: String) {\n    tickets(first: $first, after: $after) {\n      nodes {\n        ...TicketSummaryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyTicketsDocument,
    "\n  query MyTicket($id: ID!) {\n    ticket(id: $id) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.MyTicketDocument,
    "\n  mutation OpenTicket($input: OpenTicketInput!) {\n    openTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.OpenTicketDocument,
    "\n  mutation ReplyToTicket($ticketId: ID!, $body: String!, $attachmentIds: [ID!]!) {\n    replyToTicket(ticketId: $ticketId, body: $body, attachmentIds: $attachmentIds) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.ReplyToTicketDocument,
    "\n  query SupportQueue(\n    $tenantId: ID\n    $status: TicketStatus\n    $priority: Priority\n    $includeClosed: Boolean!\n  ) {\n    supportQueue(\n      tenantId: $tenantId\n      status: $status\n      priority: $priority\n      includeClosed: $includeClosed\n      first: 200\n    ) {\n      ...TicketSummaryFields\n    }\n  }\n": typeof types.SupportQueueDocument,
    "\n  query SupportTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SupportTenantsDocument,
    "\n  query SupportTicket($tenantId: ID!, $id: ID!) {\n    supportTicket(tenantId: $tenantId, id: $id) {\n      ...TicketThreadFields\n    }\n    tenant(id: $tenantId) {\n      id\n      name\n    }\n  }\n": typeof types.SupportTicketDocument,
    "\n  mutation QualifyTicket($tenantId: ID!, $ticketId: ID!, $priority: Priority!) {\n    qualifyTicket(tenantId: $tenantId, ticketId: $ticketId, priority: $priority) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.QualifyTicketDocument,
    "\n  mutation AssignTicket($tenantId: ID!, $ticketId: ID!, $staffId: ID) {\n    assignTicket(tenantId: $tenantId, ticketId: $ticketId, staffId: $staffId) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.AssignTicketDocument,
    "\n  mutation HandleTicket($input: HandleTicketInput!) {\n    handleTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n": typeof types.HandleTicketDocument,
};
const documents: Documents = {
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    lastUsedIp\n    expiresAt\n    revokedAt\n  }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n    apiTokenPolicy {\n      defaultLifetimeDays\n      maxLifetimeDays\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  fragment CustomFieldFields on CustomField {\n    id\n    key\n    label\n    kind\n    options\n    createdAt\n  }\n": types.CustomFieldFieldsFragmentDoc,
    "\n  query CustomFields {\n    customFields {\n      ...CustomFieldFields\n    }\n  }\n": types.CustomFieldsDocument,
    "\n  mutation CreateCustomField($input: CreateCustomFieldInput!) {\n    createCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n": types.CreateCustomFieldDocument,
    "\n  mutation UpdateCustomField($input: UpdateCustomFieldInput!) {\n    updateCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n": types.UpdateCustomFieldDocument,
    "\n  mutation DeleteCustomField($input: DeleteCustomFieldInput!) {\n    deleteCustomField(input: $input) {\n      deletedCustomFieldId\n    }\n  }\n": types.DeleteCustomFieldDocument,
    "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConnectionLogDocument,
    "\n  query AuditLog($first: Int, $after: String, $search: AuditSearchInput) {\n    auditLog(first: $first, after: $after, search: $search) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n        sealedPosition\n        redactedAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditCheckpoint {\n    auditCheckpoint {\n      size\n      root\n      sealedAt\n      publicKey\n    }\n  }\n": types.AuditCheckpointDocument,
    "\n  query AuditProofBundle($ids: [ID!]!) {\n    auditProofBundle(entryIds: $ids)\n  }\n": types.AuditProofBundleDocument,
    "\n  fragment AllowedNetworkFields on AllowedNetwork {\n    id\n    cidr\n    description\n  }\n": types.AllowedNetworkFieldsFragmentDoc,
    "\n  query AllowedNetworks {\n    allowedNetworks {\n      ...AllowedNetworkFields\n    }\n  }\n": types.AllowedNetworksDocument,
    "\n  mutation SetAllowedNetworks($input: SetAllowedNetworksInput!) {\n    setAllowedNetworks(input: $input) {\n      allowedNetworks {\n        ...AllowedNetworkFields\n      }\n    }\n  }\n": types.SetAllowedNetworksDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.SetUserRightsDocument,
    "\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.CloseUserDocument,
    "\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.ReopenUserDocument,
    "\n  mutation RecordPageView($input: RecordPageViewInput!) {\n    recordPageView(input: $input) {\n      recorded\n      newVisit\n    }\n  }\n": types.RecordPageViewDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": types.ResetPasswordDocument,
    "\n  fragment PriceLineFields on PriceLine {\n    code\n    label\n    quantity\n    unit\n    unitPrice\n    amount\n  }\n": types.PriceLineFieldsFragmentDoc,
    "\n  fragment PriceQuoteFields on PriceQuote {\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    subtotal\n    minimum\n    minimumApplied\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n  }\n": types.PriceQuoteFieldsFragmentDoc,
    "\n  fragment ConsumptionFields on Consumption {\n    day\n    contacts\n    users\n    emails\n    sms\n    rnvpAddresses\n    dedupAddresses\n  }\n": types.ConsumptionFieldsFragmentDoc,
    "\n  fragment BillingPlanFields on BillingPlan {\n    level\n    emailCommitment\n    smsCommitment\n    effectiveFrom\n  }\n": types.BillingPlanFieldsFragmentDoc,
    "\n  fragment BillingProfileFields on BillingProfile {\n    legalName\n    addressLines\n    postcode\n    city\n    countryCode\n    siren\n    vatNumber\n    invoiceEmail\n  }\n": types.BillingProfileFieldsFragmentDoc,
    "\n  fragment PriceGridFields on PriceGridVersion {\n    version\n    kind\n    effectiveFrom\n    announcedAt\n    note\n    grid\n    rules\n  }\n": types.PriceGridFieldsFragmentDoc,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    tenantId\n    kind\n    status\n    number\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n    paid\n    outstanding\n    overdue\n    daysLate\n    lateInterest\n    interestRatePercent\n    recoveryIndemnity\n    formalNoticeAt\n    suspendedAt\n    correctsInvoiceId\n    reason\n    htmlUrl\n    pdfUrl\n    xmlUrl\n    payments {\n      id\n      amount\n      paidOn\n      method\n      reference\n      recordedAt\n    }\n  }\n": types.InvoiceFieldsFragmentDoc,
    "\n  query BillingConsumption($from: NaiveDate!, $to: NaiveDate!) {\n    consumptionByDay(from: $from, to: $to) {\n      ...ConsumptionFields\n    }\n    consumptionByMonth(months: 12) {\n      ...ConsumptionFields\n    }\n    billingEstimate {\n      month {\n        ...ConsumptionFields\n      }\n      daysSampled\n      quote {\n        ...PriceQuoteFields\n      }\n    }\n  }\n": types.BillingConsumptionDocument,
    "\n  query LatestInvoices($first: Int, $after: String) {\n    invoices(first: $first, after: $after) {\n      nodes {\n        ...InvoiceFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.LatestInvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n": types.InvoiceDocument,
    "\n  query PriceQuote($usage: UsageInput!) {\n    priceQuote(usage: $usage) {\n      ...PriceQuoteFields\n    }\n  }\n": types.PriceQuoteDocument,
    "\n  query SimulatorContext {\n    priceGrid {\n      ...PriceGridFields\n    }\n    planAdvice(months: 6) {\n      months\n      actualTotal\n      bestLevel\n      bestEmailCommitment\n      bestSmsCommitment\n      bestTotal\n      saving\n    }\n  }\n": types.SimulatorContextDocument,
    "\n  query BillingOffer {\n    billingPlan {\n      current {\n        ...BillingPlanFields\n      }\n      next {\n        ...BillingPlanFields\n      }\n      history {\n        id\n        level\n        emailCommitment\n        smsCommitment\n        effectiveFrom\n        requestedOn\n        recordedAt\n      }\n    }\n    priceGrid {\n      ...PriceGridFields\n    }\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n": types.BillingOfferDocument,
    "\n  mutation UpdateBillingProfile($input: BillingProfileInput!) {\n    updateBillingProfile(input: $input) {\n      ...BillingProfileFields\n    }\n  }\n": types.UpdateBillingProfileDocument,
    "\n  query TenantBilling {\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n      suspendedReason\n      plan {\n        ...BillingPlanFields\n      }\n      nextPlan {\n        ...BillingPlanFields\n      }\n      outstanding\n      overdueInvoices\n    }\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n": types.TenantBillingDocument,
    "\n  mutation SetTenantPlan(\n    $tenantId: ID!\n    $level: Int!\n    $emailCommitment: Int!\n    $smsCommitment: Int!\n    $requestedOn: NaiveDate\n  ) {\n    setTenantPlan(\n      tenantId: $tenantId\n      level: $level\n      emailCommitment: $emailCommitment\n      smsCommitment: $smsCommitment\n      requestedOn: $requestedOn\n    ) {\n      id\n      level\n      emailCommitment\n      smsCommitment\n      effectiveFrom\n      requestedOn\n    }\n  }\n": types.SetTenantPlanDocument,
    "\n  mutation SetTenantBillingProfile($tenantId: ID!, $input: BillingProfileInput!) {\n    setTenantBillingProfile(tenantId: $tenantId, input: $input) {\n      ...BillingProfileFields\n    }\n  }\n": types.SetTenantBillingProfileDocument,
    "\n  query OperatorInvoices($tenantId: ID, $overdueOnly: Boolean!) {\n    operatorInvoices(tenantId: $tenantId, overdueOnly: $overdueOnly, first: 200) {\n      ...InvoiceFields\n    }\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n    }\n  }\n": types.OperatorInvoicesDocument,
    "\n  mutation RunMonthlyInvoices($month: NaiveDate!) {\n    runMonthlyInvoices(month: $month) {\n      drafted\n      issued\n      failed\n    }\n  }\n": types.RunMonthlyInvoicesDocument,
    "\n  mutation IssueInvoice($tenantId: ID!, $invoiceId: ID!) {\n    issueInvoice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n": types.IssueInvoiceDocument,
    "\n  mutation RecordPayment(\n    $tenantId: ID!\n    $invoiceId: ID!\n    $amount: Decimal!\n    $paidOn: NaiveDate!\n    $method: PaymentMethod!\n    $reference: String\n  ) {\n    recordPayment(\n      tenantId: $tenantId\n      invoiceId: $invoiceId\n      amount: $amount\n      paidOn: $paidOn\n      method: $method\n      reference: $reference\n    ) {\n      ...InvoiceFields\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation CreateCreditNote($tenantId: ID!, $invoiceId: ID!, $reason: String!) {\n    createCreditNote(tenantId: $tenantId, invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": types.CreateCreditNoteDocument,
    "\n  mutation SendFormalNotice($tenantId: ID!, $invoiceId: ID!) {\n    sendFormalNotice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n": types.SendFormalNoticeDocument,
    "\n  mutation TerminateForNonPayment($tenantId: ID!) {\n    terminateForNonPayment(tenantId: $tenantId)\n  }\n": types.TerminateForNonPaymentDocument,
    "\n  query PriceGrids {\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n": types.PriceGridsDocument,
    "\n  mutation RevisePriceGrid($grid: JSON!, $structureChange: Boolean!, $note: String) {\n    revisePriceGrid(grid: $grid, structureChange: $structureChange, note: $note) {\n      version {\n        ...PriceGridFields\n      }\n      changes {\n        price\n        from\n        to\n        percent\n        isNew\n        description\n      }\n      notified\n    }\n  }\n": types.RevisePriceGridDocument,
    "\n  query RevenueByMonth($months: Int!) {\n    revenueByMonth(months: $months) {\n      month\n      invoicedExcludingTax\n      creditedExcludingTax\n      netExcludingTax\n      invoices\n    }\n  }\n": types.RevenueByMonthDocument,
    "\n  fragment SmsMeasureFields on SmsMeasure {\n    encoding\n    units\n    segments\n    perSegment\n    remainingInSegment\n    nonGsmCharacters\n  }\n": types.SmsMeasureFieldsFragmentDoc,
    "\n  fragment TemplateFields on MessageTemplate {\n    id\n    name\n    channel\n    subject\n    htmlBody\n    textBody\n    createdAt\n    updatedAt\n    smsMeasure {\n      ...SmsMeasureFields\n    }\n  }\n": types.TemplateFieldsFragmentDoc,
    "\n  query MessageTemplates($first: Int, $after: String) {\n    messageTemplates(first: $first, after: $after) {\n      nodes {\n        ...TemplateFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MessageTemplatesDocument,
    "\n  query MessageTemplate($id: ID!) {\n    messageTemplate(id: $id) {\n      ...TemplateFields\n    }\n  }\n": types.MessageTemplateDocument,
    "\n  query MergeFields {\n    mergeFields\n  }\n": types.MergeFieldsDocument,
    "\n  query MeasureSms($text: String!) {\n    measureSms(text: $text) {\n      ...SmsMeasureFields\n    }\n  }\n": types.MeasureSmsDocument,
    "\n  query PreviewMessage($templateId: ID!, $contactId: ID!) {\n    previewMessage(templateId: $templateId, contactId: $contactId) {\n      subject\n      html\n      text\n      smsMeasure {\n        ...SmsMeasureFields\n      }\n    }\n  }\n": types.PreviewMessageDocument,
    "\n  query PreviewContacts($search: String, $first: Int) {\n    contacts(first: $first, search: $search) {\n      nodes {\n        id\n        firstName\n        lastName\n        personalEmail\n        mobilePhone\n      }\n    }\n  }\n": types.PreviewContactsDocument,
    "\n  fragment SenderFields on CampaignSender {\n    id\n    channel\n    address\n    displayName\n    replyTo\n  }\n": types.SenderFieldsFragmentDoc,
    "\n  query CampaignSenders {\n    campaignSenders {\n      ...SenderFields\n    }\n  }\n": types.CampaignSendersDocument,
    "\n  mutation CreateMessageTemplate($input: MessageTemplateInput!) {\n    createMessageTemplate(input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n": types.CreateMessageTemplateDocument,
    "\n  mutation UpdateMessageTemplate($id: ID!, $input: MessageTemplateInput!) {\n    updateMessageTemplate(id: $id, input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n": types.UpdateMessageTemplateDocument,
    "\n  mutation DeleteMessageTemplate($id: ID!) {\n    deleteMessageTemplate(id: $id) {\n      template {\n        id\n      }\n    }\n  }\n": types.DeleteMessageTemplateDocument,
    "\n  mutation SendTestMessage($input: SendTestMessageInput!) {\n    sendTestMessage(input: $input)\n  }\n": types.SendTestMessageDocument,
    "\n  fragment SendStatsFields on SendStats {\n    targeted\n    queued\n    waitingQuietHours\n    sending\n    sent\n    failed\n    bounced\n    uncertain\n    cancelled\n    excludedNoConsent\n    excludedSuppressed\n    excludedInvalidAddress\n    excludedDuplicate\n    unsubscribed\n    opened\n    clicked\n  }\n": types.SendStatsFieldsFragmentDoc,
    "\n  fragment CampaignListFields on Campaign {\n    id\n    name\n    channel\n    status\n    plan\n    nextRunAt\n    createdAt\n    stats {\n      sent\n    }\n  }\n": types.CampaignListFieldsFragmentDoc,
    "\n  query Campaigns($first: Int, $after: String) {\n    campaigns(first: $first, after: $after) {\n      nodes {\n        ...CampaignListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      channel\n      status\n      segmentId\n      templateId\n      senderId\n      marketing\n      plan\n      scheduledAt\n      cron\n      nextRunAt\n      runsStarted\n      createdAt\n      updatedAt\n      planDescription\n      abTest {\n        templateId\n        sharePercent\n        winnerBy\n        decideAfterMinutes\n        winner\n      }\n      stats {\n        ...SendStatsFields\n      }\n      runs {\n        id\n        number\n        status\n        dueAt\n        startedAt\n        finishedAt\n        stats {\n          ...SendStatsFields\n        }\n        abSides {\n          variant\n          sent\n          opened\n          clicked\n        }\n      }\n    }\n  }\n": types.CampaignDocument,
    "\n  query WizardSegments($first: Int) {\n    segments(first: $first) {\n      nodes {\n        id\n        name\n        description\n        count\n      }\n    }\n  }\n": types.WizardSegmentsDocument,
    "\n  query UpcomingRuns($cron: String!, $count: Int) {\n    upcomingRuns(cron: $cron, count: $count)\n  }\n": types.UpcomingRunsDocument,
    "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.CreateCampaignDocument,
    "\n  mutation LaunchCampaign($id: ID!) {\n    launchCampaign(id: $id) {\n      campaign {\n        id\n        status\n        nextRunAt\n      }\n    }\n  }\n": types.LaunchCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.PauseCampaignDocument,
    "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.ResumeCampaignDocument,
    "\n  mutation CancelCampaign($id: ID!) {\n    cancelCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n": types.CancelCampaignDocument,
    "\n  mutation ChooseAbWinner($id: ID!, $winner: Variant!) {\n    chooseAbWinner(id: $id, winner: $winner) {\n      campaign {\n        id\n        status\n        abTest {\n          templateId\n          sharePercent\n          winnerBy\n          decideAfterMinutes\n          winner\n        }\n      }\n    }\n  }\n": types.ChooseAbWinnerDocument,
    "\n  query CampaignTracking {\n    campaignTracking\n  }\n": types.CampaignTrackingDocument,
    "\n  mutation SetCampaignTracking($enabled: Boolean!) {\n    setCampaignTracking(enabled: $enabled)\n  }\n": types.SetCampaignTrackingDocument,
    "\n  fragment SuppressionFields on Suppression {\n    channel\n    valueHash\n    masked\n    reason\n    campaignId\n    createdAt\n  }\n": types.SuppressionFieldsFragmentDoc,
    "\n  query Suppressions($channel: Channel, $first: Int, $offset: Int) {\n    suppressions(channel: $channel, first: $first, offset: $offset) {\n      ...SuppressionFields\n    }\n  }\n": types.SuppressionsDocument,
    "\n  query FindSuppression($channel: Channel!, $value: String!) {\n    findSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n": types.FindSuppressionDocument,
    "\n  mutation AddSuppression($channel: Channel!, $value: String!) {\n    addSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n": types.AddSuppressionDocument,
    "\n  mutation RemoveSuppression($channel: Channel!, $valueHash: String!) {\n    removeSuppression(channel: $channel, valueHash: $valueHash) {\n      valueHash\n    }\n  }\n": types.RemoveSuppressionDocument,
    "\n  query TenantCampaignSenders($tenantId: ID!) {\n    tenantCampaignSenders(tenantId: $tenantId) {\n      ...SenderFields\n    }\n  }\n": types.TenantCampaignSendersDocument,
    "\n  mutation AllowCampaignSender($input: AllowCampaignSenderInput!) {\n    allowCampaignSender(input: $input) {\n      ...SenderFields\n    }\n  }\n": types.AllowCampaignSenderDocument,
    "\n  mutation WithdrawCampaignSender($tenantId: ID!, $id: ID!) {\n    withdrawCampaignSender(tenantId: $tenantId, id: $id) {\n      id\n    }\n  }\n": types.WithdrawCampaignSenderDocument,
    "\n  fragment ContactListFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    personalEmail\n    mobilePhone\n    postalCode\n    city\n    createdAt\n  }\n": types.ContactListFieldsFragmentDoc,
    "\n  query Contacts(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ContactsDocument,
    "\n  fragment ContactFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    jobTitle\n    personalEmail\n    professionalEmail\n    landlinePhone\n    mobilePhone\n    addressLine1\n    addressLine2\n    addressLine3\n    addressLine4\n    addressLine5\n    addressLine6\n    postalCode\n    city\n    country\n    birthDate\n    maritalStatus\n    gender\n    nationality\n    spokenLanguage\n    createdAt\n    updatedAt\n    consents {\n      channel\n      status\n      collectedAt\n      source\n      wording\n      ip\n    }\n    customValues {\n      key\n      label\n      kind\n      value\n    }\n  }\n": types.ContactFieldsFragmentDoc,
    "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n      history(first: 20) {\n        nodes {\n          id\n          at\n          action\n          actorKind\n          before\n          after\n        }\n      }\n    }\n  }\n": types.ContactDocument,
    "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": types.UpdateContactDocument,
    "\n  mutation DeleteContact($input: DeleteContactInput!) {\n    deleteContact(input: $input) {\n      deletedContactId\n    }\n  }\n": types.DeleteContactDocument,
    "\n  mutation SetContactConsent($input: SetContactConsentInput!) {\n    setContactConsent(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": types.SetContactConsentDocument,
    "\n  query SegmentFilters {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n        definition\n      }\n    }\n  }\n": types.SegmentFiltersDocument,
    "\n  query ContactCursors(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ContactCursorsDocument,
    "\n  query ContactTotal($filter: SegmentNodeInput) {\n    contactCount(definition: $filter)\n  }\n": types.ContactTotalDocument,
    "\n  query ContactExport(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ContactExportDocument,
    "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n": types.CreateContactDocument,
    "\n  query HomeCounts($email: SegmentNodeInput!, $sms: SegmentNodeInput!, $post: SegmentNodeInput!) {\n    total: contactCount\n    email: contactCount(definition: $email)\n    sms: contactCount(definition: $sms)\n    post: contactCount(definition: $post)\n  }\n": types.HomeCountsDocument,
    "\n  query HomePostalRuns {\n    postalRuns(first: 20) {\n      nodes {\n        id\n        kind\n        status\n        percent\n        total\n        processed\n        createdAt\n      }\n    }\n  }\n": types.HomePostalRunsDocument,
    "\n  query OperatorHome($from: NaiveDate!, $to: NaiveDate!) {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n    tenants(first: 100) {\n      nodes {\n        id\n        status\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    jobsNeedingAttention {\n      id\n      status\n    }\n    usageAnalytics(from: $from, to: $to) {\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n    }\n  }\n": types.OperatorHomeDocument,
    "\n  query Feeds {\n    feeds {\n      id\n      name\n      mappingId\n      everyMinutes\n      inboxPath\n      nextRunAt\n      lastRunAt\n      createdAt\n    }\n    importMappings {\n      id\n      name\n    }\n  }\n": types.FeedsDocument,
    "\n  mutation CreateFeed($input: CreateFeedInput!) {\n    createFeed(input: $input) {\n      feed {\n        id\n        name\n        inboxPath\n      }\n    }\n  }\n": types.CreateFeedDocument,
    "\n  mutation DeleteFeed($input: DeleteFeedInput!) {\n    deleteFeed(input: $input) {\n      deletedFeedId\n    }\n  }\n": types.DeleteFeedDocument,
    "\n  fragment ImportColumnFields on ImportColumn {\n    column\n    field\n    customFieldKey\n    consentChannel\n    consentDetail\n    whenEmpty\n  }\n": types.ImportColumnFieldsFragmentDoc,
    "\n  query ImportPreview($uploadId: ID!) {\n    importPreview(uploadId: $uploadId) {\n      encoding\n      delimiter\n      headers\n      rows\n      suggestedColumns {\n        ...ImportColumnFields\n      }\n      problem {\n        reason\n        message\n      }\n      rowProblems {\n        line\n        reason\n        message\n      }\n    }\n    importMappings {\n      id\n      name\n      upsertKey\n      createdAt\n      columns {\n        ...ImportColumnFields\n      }\n    }\n    customFields {\n      key\n      label\n    }\n  }\n": types.ImportPreviewDocument,
    "\n  mutation CreateImportMapping($input: CreateImportMappingInput!) {\n    createImportMapping(input: $input) {\n      importMapping {\n        id\n        name\n        upsertKey\n        createdAt\n        columns {\n          ...ImportColumnFields\n        }\n      }\n    }\n  }\n": types.CreateImportMappingDocument,
    "\n  fragment ImportFields on Import {\n    id\n    filename\n    status\n    dryRun\n    upsertKey\n    failure\n    encoding\n    delimiter\n    progressPercent\n    rowsDone\n    rowsCreated\n    rowsUpdated\n    rowsUnchanged\n    rowsFailed\n    createdAt\n    startedAt\n    finishedAt\n    errorReportUrl\n  }\n": types.ImportFieldsFragmentDoc,
    "\n  mutation StartImport($input: StartImportInput!) {\n    startImport(input: $input) {\n      import {\n        ...ImportFields\n      }\n    }\n  }\n": types.StartImportDocument,
    "\n  query Import($id: ID!) {\n    import(id: $id) {\n      ...ImportFields\n      errors(first: 50) {\n        nodes {\n          line\n          column\n          reason\n          message\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.ImportDocument,
    "\n  query Imports($first: Int, $after: String) {\n    imports(first: $first, after: $after) {\n      nodes {\n        ...ImportFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ImportsDocument,
    "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      ...ImportFields\n    }\n  }\n": types.ImportProgressDocument,
    "\n  query PlatformAuditLog($first: Int, $after: String, $tenantId: ID, $search: AuditSearchInput) {\n    platformAuditLog(first: $first, after: $after, tenantId: $tenantId, search: $search) {\n      nodes {\n        id\n        tenantId\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        sealedPosition\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PlatformAuditLogDocument,
    "\n  fragment DurableJobFields on DurableJob {\n    id\n    kind\n    status\n    tenantId\n    attempts\n    maxAttempts\n    lastError\n    runAt\n    lockedUntil\n    createdAt\n    finishedAt\n  }\n": types.DurableJobFieldsFragmentDoc,
    "\n  query JobsNeedingAttention {\n    jobsNeedingAttention {\n      ...DurableJobFields\n    }\n  }\n": types.JobsNeedingAttentionDocument,
    "\n  query JobTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.JobTenantsDocument,
    "\n  mutation RetryJob($id: ID!) {\n    retryJob(id: $id) {\n      job {\n        ...DurableJobFields\n      }\n    }\n  }\n": types.RetryJobDocument,
    "\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n": types.TenantFieldsFragmentDoc,
    "\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TenantsDocument,
    "\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n": types.CreateTenantDocument,
    "\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": types.SuspendTenantDocument,
    "\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": types.ReactivateTenantDocument,
    "\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n": types.PlatformHealthDocument,
    "\n  fragment AnnouncementFields on Announcement {\n    id\n    severity\n    textFr\n    textEn\n    startsAt\n    endsAt\n    endedAt\n    tenantId\n    status\n    updatedAt\n  }\n": types.AnnouncementFieldsFragmentDoc,
    "\n  query Announcements($first: Int, $after: String) {\n    announcements(first: $first, after: $after) {\n      nodes {\n        ...AnnouncementFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AnnouncementsDocument,
    "\n  query AnnouncementTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.AnnouncementTenantsDocument,
    "\n  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {\n    createAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": types.CreateAnnouncementDocument,
    "\n  mutation UpdateAnnouncement($input: UpdateAnnouncementInput!) {\n    updateAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": types.UpdateAnnouncementDocument,
    "\n  mutation EndAnnouncement($input: EndAnnouncementInput!) {\n    endAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n": types.EndAnnouncementDocument,
    "\n  query UsageAnalytics($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) {\n    usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {\n      from\n      to\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      days {\n        date\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      topPages {\n        path\n        pageViews\n        uniqueVisitors\n      }\n      tenants {\n        tenantId\n        tenantName\n        pageViews\n        visits\n        uniqueVisitors\n        activeDays\n      }\n      returnFrequency {\n        visits\n        firstVisits\n        sameDay\n        withinWeek\n        withinMonth\n        later\n        shareWithin7Days\n        shareWithin30Days\n      }\n    }\n  }\n": types.UsageAnalyticsDocument,
    "\n  fragment PostalRunFields on PostalRun {\n    id\n    kind\n    segmentId\n    status\n    total\n    processed\n    percent\n    valid\n    corrected\n    invalid\n    groups\n    error\n    createdAt\n    finishedAt\n  }\n": types.PostalRunFieldsFragmentDoc,
    "\n  query PostalRuns($first: Int, $after: String) {\n    postalRuns(first: $first, after: $after) {\n      nodes {\n        ...PostalRunFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PostalRunsDocument,
    "\n  query SegmentChoices {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.SegmentChoicesDocument,
    "\n  query PostalRun($id: ID!) {\n    postalRun(id: $id) {\n      ...PostalRunFields\n    }\n  }\n": types.PostalRunDocument,
    "\n  fragment AddressReasonFields on AddressReason {\n    code\n    severity\n    labelFr\n    labelEn\n  }\n": types.AddressReasonFieldsFragmentDoc,
    "\n  query RnvpResults($runId: ID!, $status: AddressStatus, $first: Int, $after: String) {\n    rnvpResults(runId: $runId, status: $status, first: $first, after: $after) {\n      nodes {\n        contactId\n        lines\n        status\n        appliedAt\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RnvpResultsDocument,
    "\n  query DuplicateGroups($runId: ID!, $first: Int, $after: String) {\n    duplicateGroups(runId: $runId, first: $first, after: $after) {\n      nodes {\n        id\n        confidence\n        status\n        survivorId\n        decidedAt\n        contacts {\n          id\n          externalId\n          civility\n          firstName\n          lastName\n          personalEmail\n          mobilePhone\n          addressLine4\n          postalCode\n          city\n          birthDate\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DuplicateGroupsDocument,
    "\n  mutation StartRnvpRun($input: StartPostalRunInput!) {\n    startRnvpRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n": types.StartRnvpRunDocument,
    "\n  mutation StartDedupRun($input: StartPostalRunInput!) {\n    startDedupRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n": types.StartDedupRunDocument,
    "\n  mutation ApplyRnvpCorrections($input: ApplyRnvpCorrectionsInput!) {\n    applyRnvpCorrections(input: $input) {\n      appliedCount\n    }\n  }\n": types.ApplyRnvpCorrectionsDocument,
    "\n  mutation MergeDuplicateGroup($input: MergeDuplicateGroupInput!) {\n    mergeDuplicateGroup(input: $input) {\n      survivorId\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n": types.MergeDuplicateGroupDocument,
    "\n  mutation DismissDuplicateGroup($input: DismissDuplicateGroupInput!) {\n    dismissDuplicateGroup(input: $input) {\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n": types.DismissDuplicateGroupDocument,
    "\n  mutation NormalizeAddresses($input: NormalizeAddressesInput!) {\n    normalizeAddresses(input: $input) {\n      addresses {\n        lines\n        status\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n    }\n  }\n": types.NormalizeAddressesDocument,
    "\n  query RnvpContact($id: ID!) {\n    contact(id: $id) {\n      id\n      civility\n      firstName\n      lastName\n      companyName\n      addressLine1\n      addressLine2\n      addressLine3\n      addressLine4\n      addressLine5\n      addressLine6\n      postalCode\n      city\n      updatedAt\n    }\n  }\n": types.RnvpContactDocument,
    "\n  query PostalRunScopeCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n": types.PostalRunScopeCountDocument,
    "\n  query PostalSegmentDefinition($id: ID!) {\n    segment(id: $id) {\n      id\n      definition\n    }\n  }\n": types.PostalSegmentDefinitionDocument,
    "\n  query CustomFieldsForSegments {\n    customFields {\n      id\n      key\n      label\n      kind\n      options\n    }\n  }\n": types.CustomFieldsForSegmentsDocument,
    "\n  query ContactCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n": types.ContactCountDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    definition\n    createdAt\n    updatedAt\n    exportUrl\n  }\n": types.SegmentFieldsFragmentDoc,
    "\n  query Segments($first: Int, $after: String) {\n    segments(first: $first, after: $after) {\n      nodes {\n        ...SegmentFields\n        count\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SegmentsDocument,
    "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentFields\n    }\n  }\n": types.SegmentDocument,
    "\n  query SegmentSample($definition: SegmentNodeInput!, $first: Int) {\n    segmentSample(definition: $definition, first: $first) {\n      nodes {\n        id\n        civility\n        firstName\n        lastName\n        personalEmail\n        postalCode\n        city\n      }\n    }\n  }\n": types.SegmentSampleDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      deletedSegmentId\n    }\n  }\n": types.DeleteSegmentDocument,
    "\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query ActiveAnnouncements {\n    activeAnnouncements {\n      id\n      severity\n      textFr\n      textEn\n      updatedAt\n    }\n  }\n": types.ActiveAnnouncementsDocument,
    "\n  fragment TicketSummaryFields on Ticket {\n    id\n    tenantId\n    number\n    kind\n    proposedPriority\n    priority\n    qualified\n    status\n    subject\n    channel\n    requesterEmail\n    assignedTo\n    openedAt\n    respondedAt\n    dueAt\n    businessMinutesLeft\n    answeredInTime\n    workaroundAt\n    resolvedAt\n    closedAt\n    closedReason\n  }\n": types.TicketSummaryFieldsFragmentDoc,
    "\n  fragment TicketThreadFields on Ticket {\n    ...TicketSummaryFields\n    messages {\n      id\n      authorKind\n      authorName\n      body\n      createdAt\n      attachments {\n        id\n        filename\n        contentType\n        sizeBytes\n        url\n      }\n    }\n    events {\n      action\n      actorKind\n      actorName\n      at\n      detail\n    }\n  }\n": types.TicketThreadFieldsFragmentDoc,
    "\n  query MyTickets($first: Int, $after: String) {\n    tickets(first: $first, after: $after) {\n      nodes {\n        ...TicketSummaryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyTicketsDocument,
    "\n  query MyTicket($id: ID!) {\n    ticket(id: $id) {\n      ...TicketThreadFields\n    }\n  }\n": types.MyTicketDocument,
    "\n  mutation OpenTicket($input: OpenTicketInput!) {\n    openTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n": types.OpenTicketDocument,
    "\n  mutation ReplyToTicket($ticketId: ID!, $body: String!, $attachmentIds: [ID!]!) {\n    replyToTicket(ticketId: $ticketId, body: $body, attachmentIds: $attachmentIds) {\n      ...TicketThreadFields\n    }\n  }\n": types.ReplyToTicketDocument,
    "\n  query SupportQueue(\n    $tenantId: ID\n    $status: TicketStatus\n    $priority: Priority\n    $includeClosed: Boolean!\n  ) {\n    supportQueue(\n      tenantId: $tenantId\n      status: $status\n      priority: $priority\n      includeClosed: $includeClosed\n      first: 200\n    ) {\n      ...TicketSummaryFields\n    }\n  }\n": types.SupportQueueDocument,
    "\n  query SupportTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.SupportTenantsDocument,
    "\n  query SupportTicket($tenantId: ID!, $id: ID!) {\n    supportTicket(tenantId: $tenantId, id: $id) {\n      ...TicketThreadFields\n    }\n    tenant(id: $tenantId) {\n      id\n      name\n    }\n  }\n": types.SupportTicketDocument,
    "\n  mutation QualifyTicket($tenantId: ID!, $ticketId: ID!, $priority: Priority!) {\n    qualifyTicket(tenantId: $tenantId, ticketId: $ticketId, priority: $priority) {\n      ...TicketThreadFields\n    }\n  }\n": types.QualifyTicketDocument,
    "\n  mutation AssignTicket($tenantId: ID!, $ticketId: ID!, $staffId: ID) {\n    assignTicket(tenantId: $tenantId, ticketId: $ticketId, staffId: $staffId) {\n      ...TicketThreadFields\n    }\n  }\n": types.AssignTicketDocument,
    "\n  mutation HandleTicket($input: HandleTicketInput!) {\n    handleTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n": types.HandleTicketDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    lastUsedIp\n    expiresAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    lastUsedIp\n    expiresAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n    apiTokenPolicy {\n      defaultLifetimeDays\n      maxLifetimeDays\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n    apiTokenPolicy {\n      defaultLifetimeDays\n      maxLifetimeDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomFieldFields on CustomField {\n    id\n    key\n    label\n    kind\n    options\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CustomFieldFields on CustomField {\n    id\n    key\n    label\n    kind\n    options\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomFields {\n    customFields {\n      ...CustomFieldFields\n    }\n  }\n"): (typeof documents)["\n  query CustomFields {\n    customFields {\n      ...CustomFieldFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomField($input: CreateCustomFieldInput!) {\n    createCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomField($input: CreateCustomFieldInput!) {\n    createCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCustomField($input: UpdateCustomFieldInput!) {\n    updateCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCustomField($input: UpdateCustomFieldInput!) {\n    updateCustomField(input: $input) {\n      customField {\n        ...CustomFieldFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCustomField($input: DeleteCustomFieldInput!) {\n    deleteCustomField(input: $input) {\n      deletedCustomFieldId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteCustomField($input: DeleteCustomFieldInput!) {\n    deleteCustomField(input: $input) {\n      deletedCustomFieldId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String, $search: AuditSearchInput) {\n    auditLog(first: $first, after: $after, search: $search) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n        sealedPosition\n        redactedAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: String, $search: AuditSearchInput) {\n    auditLog(first: $first, after: $after, search: $search) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n        sealedPosition\n        redactedAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditCheckpoint {\n    auditCheckpoint {\n      size\n      root\n      sealedAt\n      publicKey\n    }\n  }\n"): (typeof documents)["\n  query AuditCheckpoint {\n    auditCheckpoint {\n      size\n      root\n      sealedAt\n      publicKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditProofBundle($ids: [ID!]!) {\n    auditProofBundle(entryIds: $ids)\n  }\n"): (typeof documents)["\n  query AuditProofBundle($ids: [ID!]!) {\n    auditProofBundle(entryIds: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AllowedNetworkFields on AllowedNetwork {\n    id\n    cidr\n    description\n  }\n"): (typeof documents)["\n  fragment AllowedNetworkFields on AllowedNetwork {\n    id\n    cidr\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllowedNetworks {\n    allowedNetworks {\n      ...AllowedNetworkFields\n    }\n  }\n"): (typeof documents)["\n  query AllowedNetworks {\n    allowedNetworks {\n      ...AllowedNetworkFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAllowedNetworks($input: SetAllowedNetworksInput!) {\n    setAllowedNetworks(input: $input) {\n      allowedNetworks {\n        ...AllowedNetworkFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetAllowedNetworks($input: SetAllowedNetworksInput!) {\n    setAllowedNetworks(input: $input) {\n      allowedNetworks {\n        ...AllowedNetworkFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPageView($input: RecordPageViewInput!) {\n    recordPageView(input: $input) {\n      recorded\n      newVisit\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPageView($input: RecordPageViewInput!) {\n    recordPageView(input: $input) {\n      recorded\n      newVisit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceLineFields on PriceLine {\n    code\n    label\n    quantity\n    unit\n    unitPrice\n    amount\n  }\n"): (typeof documents)["\n  fragment PriceLineFields on PriceLine {\n    code\n    label\n    quantity\n    unit\n    unitPrice\n    amount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceQuoteFields on PriceQuote {\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    subtotal\n    minimum\n    minimumApplied\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n  }\n"): (typeof documents)["\n  fragment PriceQuoteFields on PriceQuote {\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    subtotal\n    minimum\n    minimumApplied\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsumptionFields on Consumption {\n    day\n    contacts\n    users\n    emails\n    sms\n    rnvpAddresses\n    dedupAddresses\n  }\n"): (typeof documents)["\n  fragment ConsumptionFields on Consumption {\n    day\n    contacts\n    users\n    emails\n    sms\n    rnvpAddresses\n    dedupAddresses\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingPlanFields on BillingPlan {\n    level\n    emailCommitment\n    smsCommitment\n    effectiveFrom\n  }\n"): (typeof documents)["\n  fragment BillingPlanFields on BillingPlan {\n    level\n    emailCommitment\n    smsCommitment\n    effectiveFrom\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingProfileFields on BillingProfile {\n    legalName\n    addressLines\n    postcode\n    city\n    countryCode\n    siren\n    vatNumber\n    invoiceEmail\n  }\n"): (typeof documents)["\n  fragment BillingProfileFields on BillingProfile {\n    legalName\n    addressLines\n    postcode\n    city\n    countryCode\n    siren\n    vatNumber\n    invoiceEmail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceGridFields on PriceGridVersion {\n    version\n    kind\n    effectiveFrom\n    announcedAt\n    note\n    grid\n    rules\n  }\n"): (typeof documents)["\n  fragment PriceGridFields on PriceGridVersion {\n    version\n    kind\n    effectiveFrom\n    announcedAt\n    note\n    grid\n    rules\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceFields on Invoice {\n    id\n    tenantId\n    kind\n    status\n    number\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n    paid\n    outstanding\n    overdue\n    daysLate\n    lateInterest\n    interestRatePercent\n    recoveryIndemnity\n    formalNoticeAt\n    suspendedAt\n    correctsInvoiceId\n    reason\n    htmlUrl\n    pdfUrl\n    xmlUrl\n    payments {\n      id\n      amount\n      paidOn\n      method\n      reference\n      recordedAt\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceFields on Invoice {\n    id\n    tenantId\n    kind\n    status\n    number\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    gridVersion\n    lines {\n      ...PriceLineFields\n    }\n    totalExcludingTax\n    vatRate\n    vat\n    totalIncludingTax\n    paid\n    outstanding\n    overdue\n    daysLate\n    lateInterest\n    interestRatePercent\n    recoveryIndemnity\n    formalNoticeAt\n    suspendedAt\n    correctsInvoiceId\n    reason\n    htmlUrl\n    pdfUrl\n    xmlUrl\n    payments {\n      id\n      amount\n      paidOn\n      method\n      reference\n      recordedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingConsumption($from: NaiveDate!, $to: NaiveDate!) {\n    consumptionByDay(from: $from, to: $to) {\n      ...ConsumptionFields\n    }\n    consumptionByMonth(months: 12) {\n      ...ConsumptionFields\n    }\n    billingEstimate {\n      month {\n        ...ConsumptionFields\n      }\n      daysSampled\n      quote {\n        ...PriceQuoteFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query BillingConsumption($from: NaiveDate!, $to: NaiveDate!) {\n    consumptionByDay(from: $from, to: $to) {\n      ...ConsumptionFields\n    }\n    consumptionByMonth(months: 12) {\n      ...ConsumptionFields\n    }\n    billingEstimate {\n      month {\n        ...ConsumptionFields\n      }\n      daysSampled\n      quote {\n        ...PriceQuoteFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestInvoices($first: Int, $after: String) {\n    invoices(first: $first, after: $after) {\n      nodes {\n        ...InvoiceFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query LatestInvoices($first: Int, $after: String) {\n    invoices(first: $first, after: $after) {\n      nodes {\n        ...InvoiceFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceQuote($usage: UsageInput!) {\n    priceQuote(usage: $usage) {\n      ...PriceQuoteFields\n    }\n  }\n"): (typeof documents)["\n  query PriceQuote($usage: UsageInput!) {\n    priceQuote(usage: $usage) {\n      ...PriceQuoteFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulatorContext {\n    priceGrid {\n      ...PriceGridFields\n    }\n    planAdvice(months: 6) {\n      months\n      actualTotal\n      bestLevel\n      bestEmailCommitment\n      bestSmsCommitment\n      bestTotal\n      saving\n    }\n  }\n"): (typeof documents)["\n  query SimulatorContext {\n    priceGrid {\n      ...PriceGridFields\n    }\n    planAdvice(months: 6) {\n      months\n      actualTotal\n      bestLevel\n      bestEmailCommitment\n      bestSmsCommitment\n      bestTotal\n      saving\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingOffer {\n    billingPlan {\n      current {\n        ...BillingPlanFields\n      }\n      next {\n        ...BillingPlanFields\n      }\n      history {\n        id\n        level\n        emailCommitment\n        smsCommitment\n        effectiveFrom\n        requestedOn\n        recordedAt\n      }\n    }\n    priceGrid {\n      ...PriceGridFields\n    }\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n"): (typeof documents)["\n  query BillingOffer {\n    billingPlan {\n      current {\n        ...BillingPlanFields\n      }\n      next {\n        ...BillingPlanFields\n      }\n      history {\n        id\n        level\n        emailCommitment\n        smsCommitment\n        effectiveFrom\n        requestedOn\n        recordedAt\n      }\n    }\n    priceGrid {\n      ...PriceGridFields\n    }\n    billingProfile {\n      ...BillingProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBillingProfile($input: BillingProfileInput!) {\n    updateBillingProfile(input: $input) {\n      ...BillingProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBillingProfile($input: BillingProfileInput!) {\n    updateBillingProfile(input: $input) {\n      ...BillingProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantBilling {\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n      suspendedReason\n      plan {\n        ...BillingPlanFields\n      }\n      nextPlan {\n        ...BillingPlanFields\n      }\n      outstanding\n      overdueInvoices\n    }\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n"): (typeof documents)["\n  query TenantBilling {\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n      suspendedReason\n      plan {\n        ...BillingPlanFields\n      }\n      nextPlan {\n        ...BillingPlanFields\n      }\n      outstanding\n      overdueInvoices\n    }\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTenantPlan(\n    $tenantId: ID!\n    $level: Int!\n    $emailCommitment: Int!\n    $smsCommitment: Int!\n    $requestedOn: NaiveDate\n  ) {\n    setTenantPlan(\n      tenantId: $tenantId\n      level: $level\n      emailCommitment: $emailCommitment\n      smsCommitment: $smsCommitment\n      requestedOn: $requestedOn\n    ) {\n      id\n      level\n      emailCommitment\n      smsCommitment\n      effectiveFrom\n      requestedOn\n    }\n  }\n"): (typeof documents)["\n  mutation SetTenantPlan(\n    $tenantId: ID!\n    $level: Int!\n    $emailCommitment: Int!\n    $smsCommitment: Int!\n    $requestedOn: NaiveDate\n  ) {\n    setTenantPlan(\n      tenantId: $tenantId\n      level: $level\n      emailCommitment: $emailCommitment\n      smsCommitment: $smsCommitment\n      requestedOn: $requestedOn\n    ) {\n      id\n      level\n      emailCommitment\n      smsCommitment\n      effectiveFrom\n      requestedOn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTenantBillingProfile($tenantId: ID!, $input: BillingProfileInput!) {\n    setTenantBillingProfile(tenantId: $tenantId, input: $input) {\n      ...BillingProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetTenantBillingProfile($tenantId: ID!, $input: BillingProfileInput!) {\n    setTenantBillingProfile(tenantId: $tenantId, input: $input) {\n      ...BillingProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperatorInvoices($tenantId: ID, $overdueOnly: Boolean!) {\n    operatorInvoices(tenantId: $tenantId, overdueOnly: $overdueOnly, first: 200) {\n      ...InvoiceFields\n    }\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n    }\n  }\n"): (typeof documents)["\n  query OperatorInvoices($tenantId: ID, $overdueOnly: Boolean!) {\n    operatorInvoices(tenantId: $tenantId, overdueOnly: $overdueOnly, first: 200) {\n      ...InvoiceFields\n    }\n    tenantBilling {\n      tenantId\n      tenantName\n      tenantStatus\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunMonthlyInvoices($month: NaiveDate!) {\n    runMonthlyInvoices(month: $month) {\n      drafted\n      issued\n      failed\n    }\n  }\n"): (typeof documents)["\n  mutation RunMonthlyInvoices($month: NaiveDate!) {\n    runMonthlyInvoices(month: $month) {\n      drafted\n      issued\n      failed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueInvoice($tenantId: ID!, $invoiceId: ID!) {\n    issueInvoice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation IssueInvoice($tenantId: ID!, $invoiceId: ID!) {\n    issueInvoice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment(\n    $tenantId: ID!\n    $invoiceId: ID!\n    $amount: Decimal!\n    $paidOn: NaiveDate!\n    $method: PaymentMethod!\n    $reference: String\n  ) {\n    recordPayment(\n      tenantId: $tenantId\n      invoiceId: $invoiceId\n      amount: $amount\n      paidOn: $paidOn\n      method: $method\n      reference: $reference\n    ) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPayment(\n    $tenantId: ID!\n    $invoiceId: ID!\n    $amount: Decimal!\n    $paidOn: NaiveDate!\n    $method: PaymentMethod!\n    $reference: String\n  ) {\n    recordPayment(\n      tenantId: $tenantId\n      invoiceId: $invoiceId\n      amount: $amount\n      paidOn: $paidOn\n      method: $method\n      reference: $reference\n    ) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCreditNote($tenantId: ID!, $invoiceId: ID!, $reason: String!) {\n    createCreditNote(tenantId: $tenantId, invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCreditNote($tenantId: ID!, $invoiceId: ID!, $reason: String!) {\n    createCreditNote(tenantId: $tenantId, invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFormalNotice($tenantId: ID!, $invoiceId: ID!) {\n    sendFormalNotice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendFormalNotice($tenantId: ID!, $invoiceId: ID!) {\n    sendFormalNotice(tenantId: $tenantId, invoiceId: $invoiceId) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TerminateForNonPayment($tenantId: ID!) {\n    terminateForNonPayment(tenantId: $tenantId)\n  }\n"): (typeof documents)["\n  mutation TerminateForNonPayment($tenantId: ID!) {\n    terminateForNonPayment(tenantId: $tenantId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceGrids {\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n"): (typeof documents)["\n  query PriceGrids {\n    priceGrids {\n      ...PriceGridFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevisePriceGrid($grid: JSON!, $structureChange: Boolean!, $note: String) {\n    revisePriceGrid(grid: $grid, structureChange: $structureChange, note: $note) {\n      version {\n        ...PriceGridFields\n      }\n      changes {\n        price\n        from\n        to\n        percent\n        isNew\n        description\n      }\n      notified\n    }\n  }\n"): (typeof documents)["\n  mutation RevisePriceGrid($grid: JSON!, $structureChange: Boolean!, $note: String) {\n    revisePriceGrid(grid: $grid, structureChange: $structureChange, note: $note) {\n      version {\n        ...PriceGridFields\n      }\n      changes {\n        price\n        from\n        to\n        percent\n        isNew\n        description\n      }\n      notified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevenueByMonth($months: Int!) {\n    revenueByMonth(months: $months) {\n      month\n      invoicedExcludingTax\n      creditedExcludingTax\n      netExcludingTax\n      invoices\n    }\n  }\n"): (typeof documents)["\n  query RevenueByMonth($months: Int!) {\n    revenueByMonth(months: $months) {\n      month\n      invoicedExcludingTax\n      creditedExcludingTax\n      netExcludingTax\n      invoices\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SmsMeasureFields on SmsMeasure {\n    encoding\n    units\n    segments\n    perSegment\n    remainingInSegment\n    nonGsmCharacters\n  }\n"): (typeof documents)["\n  fragment SmsMeasureFields on SmsMeasure {\n    encoding\n    units\n    segments\n    perSegment\n    remainingInSegment\n    nonGsmCharacters\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TemplateFields on MessageTemplate {\n    id\n    name\n    channel\n    subject\n    htmlBody\n    textBody\n    createdAt\n    updatedAt\n    smsMeasure {\n      ...SmsMeasureFields\n    }\n  }\n"): (typeof documents)["\n  fragment TemplateFields on MessageTemplate {\n    id\n    name\n    channel\n    subject\n    htmlBody\n    textBody\n    createdAt\n    updatedAt\n    smsMeasure {\n      ...SmsMeasureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageTemplates($first: Int, $after: String) {\n    messageTemplates(first: $first, after: $after) {\n      nodes {\n        ...TemplateFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageTemplates($first: Int, $after: String) {\n    messageTemplates(first: $first, after: $after) {\n      nodes {\n        ...TemplateFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageTemplate($id: ID!) {\n    messageTemplate(id: $id) {\n      ...TemplateFields\n    }\n  }\n"): (typeof documents)["\n  query MessageTemplate($id: ID!) {\n    messageTemplate(id: $id) {\n      ...TemplateFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeFields {\n    mergeFields\n  }\n"): (typeof documents)["\n  query MergeFields {\n    mergeFields\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeasureSms($text: String!) {\n    measureSms(text: $text) {\n      ...SmsMeasureFields\n    }\n  }\n"): (typeof documents)["\n  query MeasureSms($text: String!) {\n    measureSms(text: $text) {\n      ...SmsMeasureFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewMessage($templateId: ID!, $contactId: ID!) {\n    previewMessage(templateId: $templateId, contactId: $contactId) {\n      subject\n      html\n      text\n      smsMeasure {\n        ...SmsMeasureFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewMessage($templateId: ID!, $contactId: ID!) {\n    previewMessage(templateId: $templateId, contactId: $contactId) {\n      subject\n      html\n      text\n      smsMeasure {\n        ...SmsMeasureFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewContacts($search: String, $first: Int) {\n    contacts(first: $first, search: $search) {\n      nodes {\n        id\n        firstName\n        lastName\n        personalEmail\n        mobilePhone\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewContacts($search: String, $first: Int) {\n    contacts(first: $first, search: $search) {\n      nodes {\n        id\n        firstName\n        lastName\n        personalEmail\n        mobilePhone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SenderFields on CampaignSender {\n    id\n    channel\n    address\n    displayName\n    replyTo\n  }\n"): (typeof documents)["\n  fragment SenderFields on CampaignSender {\n    id\n    channel\n    address\n    displayName\n    replyTo\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignSenders {\n    campaignSenders {\n      ...SenderFields\n    }\n  }\n"): (typeof documents)["\n  query CampaignSenders {\n    campaignSenders {\n      ...SenderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMessageTemplate($input: MessageTemplateInput!) {\n    createMessageTemplate(input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMessageTemplate($input: MessageTemplateInput!) {\n    createMessageTemplate(input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMessageTemplate($id: ID!, $input: MessageTemplateInput!) {\n    updateMessageTemplate(id: $id, input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMessageTemplate($id: ID!, $input: MessageTemplateInput!) {\n    updateMessageTemplate(id: $id, input: $input) {\n      template {\n        ...TemplateFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessageTemplate($id: ID!) {\n    deleteMessageTemplate(id: $id) {\n      template {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMessageTemplate($id: ID!) {\n    deleteMessageTemplate(id: $id) {\n      template {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestMessage($input: SendTestMessageInput!) {\n    sendTestMessage(input: $input)\n  }\n"): (typeof documents)["\n  mutation SendTestMessage($input: SendTestMessageInput!) {\n    sendTestMessage(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SendStatsFields on SendStats {\n    targeted\n    queued\n    waitingQuietHours\n    sending\n    sent\n    failed\n    bounced\n    uncertain\n    cancelled\n    excludedNoConsent\n    excludedSuppressed\n    excludedInvalidAddress\n    excludedDuplicate\n    unsubscribed\n    opened\n    clicked\n  }\n"): (typeof documents)["\n  fragment SendStatsFields on SendStats {\n    targeted\n    queued\n    waitingQuietHours\n    sending\n    sent\n    failed\n    bounced\n    uncertain\n    cancelled\n    excludedNoConsent\n    excludedSuppressed\n    excludedInvalidAddress\n    excludedDuplicate\n    unsubscribed\n    opened\n    clicked\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignListFields on Campaign {\n    id\n    name\n    channel\n    status\n    plan\n    nextRunAt\n    createdAt\n    stats {\n      sent\n    }\n  }\n"): (typeof documents)["\n  fragment CampaignListFields on Campaign {\n    id\n    name\n    channel\n    status\n    plan\n    nextRunAt\n    createdAt\n    stats {\n      sent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns($first: Int, $after: String) {\n    campaigns(first: $first, after: $after) {\n      nodes {\n        ...CampaignListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Campaigns($first: Int, $after: String) {\n    campaigns(first: $first, after: $after) {\n      nodes {\n        ...CampaignListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      channel\n      status\n      segmentId\n      templateId\n      senderId\n      marketing\n      plan\n      scheduledAt\n      cron\n      nextRunAt\n      runsStarted\n      createdAt\n      updatedAt\n      planDescription\n      abTest {\n        templateId\n        sharePercent\n        winnerBy\n        decideAfterMinutes\n        winner\n      }\n      stats {\n        ...SendStatsFields\n      }\n      runs {\n        id\n        number\n        status\n        dueAt\n        startedAt\n        finishedAt\n        stats {\n          ...SendStatsFields\n        }\n        abSides {\n          variant\n          sent\n          opened\n          clicked\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id\n      name\n      channel\n      status\n      segmentId\n      templateId\n      senderId\n      marketing\n      plan\n      scheduledAt\n      cron\n      nextRunAt\n      runsStarted\n      createdAt\n      updatedAt\n      planDescription\n      abTest {\n        templateId\n        sharePercent\n        winnerBy\n        decideAfterMinutes\n        winner\n      }\n      stats {\n        ...SendStatsFields\n      }\n      runs {\n        id\n        number\n        status\n        dueAt\n        startedAt\n        finishedAt\n        stats {\n          ...SendStatsFields\n        }\n        abSides {\n          variant\n          sent\n          opened\n          clicked\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WizardSegments($first: Int) {\n    segments(first: $first) {\n      nodes {\n        id\n        name\n        description\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query WizardSegments($first: Int) {\n    segments(first: $first) {\n      nodes {\n        id\n        name\n        description\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingRuns($cron: String!, $count: Int) {\n    upcomingRuns(cron: $cron, count: $count)\n  }\n"): (typeof documents)["\n  query UpcomingRuns($cron: String!, $count: Int) {\n    upcomingRuns(cron: $cron, count: $count)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCampaign($input: CampaignInput!) {\n    createCampaign(input: $input) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LaunchCampaign($id: ID!) {\n    launchCampaign(id: $id) {\n      campaign {\n        id\n        status\n        nextRunAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LaunchCampaign($id: ID!) {\n    launchCampaign(id: $id) {\n      campaign {\n        id\n        status\n        nextRunAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeCampaign($id: ID!) {\n    resumeCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCampaign($id: ID!) {\n    cancelCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelCampaign($id: ID!) {\n    cancelCampaign(id: $id) {\n      campaign {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChooseAbWinner($id: ID!, $winner: Variant!) {\n    chooseAbWinner(id: $id, winner: $winner) {\n      campaign {\n        id\n        status\n        abTest {\n          templateId\n          sharePercent\n          winnerBy\n          decideAfterMinutes\n          winner\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChooseAbWinner($id: ID!, $winner: Variant!) {\n    chooseAbWinner(id: $id, winner: $winner) {\n      campaign {\n        id\n        status\n        abTest {\n          templateId\n          sharePercent\n          winnerBy\n          decideAfterMinutes\n          winner\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignTracking {\n    campaignTracking\n  }\n"): (typeof documents)["\n  query CampaignTracking {\n    campaignTracking\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCampaignTracking($enabled: Boolean!) {\n    setCampaignTracking(enabled: $enabled)\n  }\n"): (typeof documents)["\n  mutation SetCampaignTracking($enabled: Boolean!) {\n    setCampaignTracking(enabled: $enabled)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SuppressionFields on Suppression {\n    channel\n    valueHash\n    masked\n    reason\n    campaignId\n    createdAt\n  }\n"): (typeof documents)["\n  fragment SuppressionFields on Suppression {\n    channel\n    valueHash\n    masked\n    reason\n    campaignId\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suppressions($channel: Channel, $first: Int, $offset: Int) {\n    suppressions(channel: $channel, first: $first, offset: $offset) {\n      ...SuppressionFields\n    }\n  }\n"): (typeof documents)["\n  query Suppressions($channel: Channel, $first: Int, $offset: Int) {\n    suppressions(channel: $channel, first: $first, offset: $offset) {\n      ...SuppressionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindSuppression($channel: Channel!, $value: String!) {\n    findSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n"): (typeof documents)["\n  query FindSuppression($channel: Channel!, $value: String!) {\n    findSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSuppression($channel: Channel!, $value: String!) {\n    addSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddSuppression($channel: Channel!, $value: String!) {\n    addSuppression(channel: $channel, value: $value) {\n      ...SuppressionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSuppression($channel: Channel!, $valueHash: String!) {\n    removeSuppression(channel: $channel, valueHash: $valueHash) {\n      valueHash\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveSuppression($channel: Channel!, $valueHash: String!) {\n    removeSuppression(channel: $channel, valueHash: $valueHash) {\n      valueHash\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantCampaignSenders($tenantId: ID!) {\n    tenantCampaignSenders(tenantId: $tenantId) {\n      ...SenderFields\n    }\n  }\n"): (typeof documents)["\n  query TenantCampaignSenders($tenantId: ID!) {\n    tenantCampaignSenders(tenantId: $tenantId) {\n      ...SenderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AllowCampaignSender($input: AllowCampaignSenderInput!) {\n    allowCampaignSender(input: $input) {\n      ...SenderFields\n    }\n  }\n"): (typeof documents)["\n  mutation AllowCampaignSender($input: AllowCampaignSenderInput!) {\n    allowCampaignSender(input: $input) {\n      ...SenderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawCampaignSender($tenantId: ID!, $id: ID!) {\n    withdrawCampaignSender(tenantId: $tenantId, id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawCampaignSender($tenantId: ID!, $id: ID!) {\n    withdrawCampaignSender(tenantId: $tenantId, id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactListFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    personalEmail\n    mobilePhone\n    postalCode\n    city\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ContactListFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    personalEmail\n    mobilePhone\n    postalCode\n    city\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contacts(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contacts(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactListFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    jobTitle\n    personalEmail\n    professionalEmail\n    landlinePhone\n    mobilePhone\n    addressLine1\n    addressLine2\n    addressLine3\n    addressLine4\n    addressLine5\n    addressLine6\n    postalCode\n    city\n    country\n    birthDate\n    maritalStatus\n    gender\n    nationality\n    spokenLanguage\n    createdAt\n    updatedAt\n    consents {\n      channel\n      status\n      collectedAt\n      source\n      wording\n      ip\n    }\n    customValues {\n      key\n      label\n      kind\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment ContactFields on Contact {\n    id\n    externalId\n    civility\n    firstName\n    lastName\n    companyName\n    jobTitle\n    personalEmail\n    professionalEmail\n    landlinePhone\n    mobilePhone\n    addressLine1\n    addressLine2\n    addressLine3\n    addressLine4\n    addressLine5\n    addressLine6\n    postalCode\n    city\n    country\n    birthDate\n    maritalStatus\n    gender\n    nationality\n    spokenLanguage\n    createdAt\n    updatedAt\n    consents {\n      channel\n      status\n      collectedAt\n      source\n      wording\n      ip\n    }\n    customValues {\n      key\n      label\n      kind\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n      history(first: 20) {\n        nodes {\n          id\n          at\n          action\n          actorKind\n          before\n          after\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      ...ContactFields\n      history(first: 20) {\n        nodes {\n          id\n          at\n          action\n          actorKind\n          before\n          after\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteContact($input: DeleteContactInput!) {\n    deleteContact(input: $input) {\n      deletedContactId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteContact($input: DeleteContactInput!) {\n    deleteContact(input: $input) {\n      deletedContactId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetContactConsent($input: SetContactConsentInput!) {\n    setContactConsent(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetContactConsent($input: SetContactConsentInput!) {\n    setContactConsent(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentFilters {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n        definition\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentFilters {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n        definition\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactCursors(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactCursors(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactTotal($filter: SegmentNodeInput) {\n    contactCount(definition: $filter)\n  }\n"): (typeof documents)["\n  query ContactTotal($filter: SegmentNodeInput) {\n    contactCount(definition: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactExport(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactExport(\n    $first: Int\n    $after: String\n    $search: String\n    $filter: SegmentNodeInput\n    $orderBy: ContactOrderBy!\n  ) {\n    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {\n      nodes {\n        ...ContactFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      contact {\n        ...ContactFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeCounts($email: SegmentNodeInput!, $sms: SegmentNodeInput!, $post: SegmentNodeInput!) {\n    total: contactCount\n    email: contactCount(definition: $email)\n    sms: contactCount(definition: $sms)\n    post: contactCount(definition: $post)\n  }\n"): (typeof documents)["\n  query HomeCounts($email: SegmentNodeInput!, $sms: SegmentNodeInput!, $post: SegmentNodeInput!) {\n    total: contactCount\n    email: contactCount(definition: $email)\n    sms: contactCount(definition: $sms)\n    post: contactCount(definition: $post)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePostalRuns {\n    postalRuns(first: 20) {\n      nodes {\n        id\n        kind\n        status\n        percent\n        total\n        processed\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomePostalRuns {\n    postalRuns(first: 20) {\n      nodes {\n        id\n        kind\n        status\n        percent\n        total\n        processed\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperatorHome($from: NaiveDate!, $to: NaiveDate!) {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n    tenants(first: 100) {\n      nodes {\n        id\n        status\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    jobsNeedingAttention {\n      id\n      status\n    }\n    usageAnalytics(from: $from, to: $to) {\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n    }\n  }\n"): (typeof documents)["\n  query OperatorHome($from: NaiveDate!, $to: NaiveDate!) {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n    tenants(first: 100) {\n      nodes {\n        id\n        status\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    jobsNeedingAttention {\n      id\n      status\n    }\n    usageAnalytics(from: $from, to: $to) {\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Feeds {\n    feeds {\n      id\n      name\n      mappingId\n      everyMinutes\n      inboxPath\n      nextRunAt\n      lastRunAt\n      createdAt\n    }\n    importMappings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Feeds {\n    feeds {\n      id\n      name\n      mappingId\n      everyMinutes\n      inboxPath\n      nextRunAt\n      lastRunAt\n      createdAt\n    }\n    importMappings {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFeed($input: CreateFeedInput!) {\n    createFeed(input: $input) {\n      feed {\n        id\n        name\n        inboxPath\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFeed($input: CreateFeedInput!) {\n    createFeed(input: $input) {\n      feed {\n        id\n        name\n        inboxPath\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFeed($input: DeleteFeedInput!) {\n    deleteFeed(input: $input) {\n      deletedFeedId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteFeed($input: DeleteFeedInput!) {\n    deleteFeed(input: $input) {\n      deletedFeedId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportColumnFields on ImportColumn {\n    column\n    field\n    customFieldKey\n    consentChannel\n    consentDetail\n    whenEmpty\n  }\n"): (typeof documents)["\n  fragment ImportColumnFields on ImportColumn {\n    column\n    field\n    customFieldKey\n    consentChannel\n    consentDetail\n    whenEmpty\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportPreview($uploadId: ID!) {\n    importPreview(uploadId: $uploadId) {\n      encoding\n      delimiter\n      headers\n      rows\n      suggestedColumns {\n        ...ImportColumnFields\n      }\n      problem {\n        reason\n        message\n      }\n      rowProblems {\n        line\n        reason\n        message\n      }\n    }\n    importMappings {\n      id\n      name\n      upsertKey\n      createdAt\n      columns {\n        ...ImportColumnFields\n      }\n    }\n    customFields {\n      key\n      label\n    }\n  }\n"): (typeof documents)["\n  query ImportPreview($uploadId: ID!) {\n    importPreview(uploadId: $uploadId) {\n      encoding\n      delimiter\n      headers\n      rows\n      suggestedColumns {\n        ...ImportColumnFields\n      }\n      problem {\n        reason\n        message\n      }\n      rowProblems {\n        line\n        reason\n        message\n      }\n    }\n    importMappings {\n      id\n      name\n      upsertKey\n      createdAt\n      columns {\n        ...ImportColumnFields\n      }\n    }\n    customFields {\n      key\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateImportMapping($input: CreateImportMappingInput!) {\n    createImportMapping(input: $input) {\n      importMapping {\n        id\n        name\n        upsertKey\n        createdAt\n        columns {\n          ...ImportColumnFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateImportMapping($input: CreateImportMappingInput!) {\n    createImportMapping(input: $input) {\n      importMapping {\n        id\n        name\n        upsertKey\n        createdAt\n        columns {\n          ...ImportColumnFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportFields on Import {\n    id\n    filename\n    status\n    dryRun\n    upsertKey\n    failure\n    encoding\n    delimiter\n    progressPercent\n    rowsDone\n    rowsCreated\n    rowsUpdated\n    rowsUnchanged\n    rowsFailed\n    createdAt\n    startedAt\n    finishedAt\n    errorReportUrl\n  }\n"): (typeof documents)["\n  fragment ImportFields on Import {\n    id\n    filename\n    status\n    dryRun\n    upsertKey\n    failure\n    encoding\n    delimiter\n    progressPercent\n    rowsDone\n    rowsCreated\n    rowsUpdated\n    rowsUnchanged\n    rowsFailed\n    createdAt\n    startedAt\n    finishedAt\n    errorReportUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartImport($input: StartImportInput!) {\n    startImport(input: $input) {\n      import {\n        ...ImportFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartImport($input: StartImportInput!) {\n    startImport(input: $input) {\n      import {\n        ...ImportFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Import($id: ID!) {\n    import(id: $id) {\n      ...ImportFields\n      errors(first: 50) {\n        nodes {\n          line\n          column\n          reason\n          message\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Import($id: ID!) {\n    import(id: $id) {\n      ...ImportFields\n      errors(first: 50) {\n        nodes {\n          line\n          column\n          reason\n          message\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Imports($first: Int, $after: String) {\n    imports(first: $first, after: $after) {\n      nodes {\n        ...ImportFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Imports($first: Int, $after: String) {\n    imports(first: $first, after: $after) {\n      nodes {\n        ...ImportFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      ...ImportFields\n    }\n  }\n"): (typeof documents)["\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      ...ImportFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformAuditLog($first: Int, $after: String, $tenantId: ID, $search: AuditSearchInput) {\n    platformAuditLog(first: $first, after: $after, tenantId: $tenantId, search: $search) {\n      nodes {\n        id\n        tenantId\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        sealedPosition\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlatformAuditLog($first: Int, $after: String, $tenantId: ID, $search: AuditSearchInput) {\n    platformAuditLog(first: $first, after: $after, tenantId: $tenantId, search: $search) {\n      nodes {\n        id\n        tenantId\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        sealedPosition\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DurableJobFields on DurableJob {\n    id\n    kind\n    status\n    tenantId\n    attempts\n    maxAttempts\n    lastError\n    runAt\n    lockedUntil\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment DurableJobFields on DurableJob {\n    id\n    kind\n    status\n    tenantId\n    attempts\n    maxAttempts\n    lastError\n    runAt\n    lockedUntil\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsNeedingAttention {\n    jobsNeedingAttention {\n      ...DurableJobFields\n    }\n  }\n"): (typeof documents)["\n  query JobsNeedingAttention {\n    jobsNeedingAttention {\n      ...DurableJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryJob($id: ID!) {\n    retryJob(id: $id) {\n      job {\n        ...DurableJobFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryJob($id: ID!) {\n    retryJob(id: $id) {\n      job {\n        ...DurableJobFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n"): (typeof documents)["\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n"): (typeof documents)["\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AnnouncementFields on Announcement {\n    id\n    severity\n    textFr\n    textEn\n    startsAt\n    endsAt\n    endedAt\n    tenantId\n    status\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AnnouncementFields on Announcement {\n    id\n    severity\n    textFr\n    textEn\n    startsAt\n    endsAt\n    endedAt\n    tenantId\n    status\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Announcements($first: Int, $after: String) {\n    announcements(first: $first, after: $after) {\n      nodes {\n        ...AnnouncementFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Announcements($first: Int, $after: String) {\n    announcements(first: $first, after: $after) {\n      nodes {\n        ...AnnouncementFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnnouncementTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AnnouncementTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {\n    createAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {\n    createAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAnnouncement($input: UpdateAnnouncementInput!) {\n    updateAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAnnouncement($input: UpdateAnnouncementInput!) {\n    updateAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndAnnouncement($input: EndAnnouncementInput!) {\n    endAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EndAnnouncement($input: EndAnnouncementInput!) {\n    endAnnouncement(input: $input) {\n      announcement {\n        ...AnnouncementFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageAnalytics($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) {\n    usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {\n      from\n      to\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      days {\n        date\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      topPages {\n        path\n        pageViews\n        uniqueVisitors\n      }\n      tenants {\n        tenantId\n        tenantName\n        pageViews\n        visits\n        uniqueVisitors\n        activeDays\n      }\n      returnFrequency {\n        visits\n        firstVisits\n        sameDay\n        withinWeek\n        withinMonth\n        later\n        shareWithin7Days\n        shareWithin30Days\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageAnalytics($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) {\n    usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {\n      from\n      to\n      totals {\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      days {\n        date\n        pageViews\n        visits\n        uniqueVisitors\n      }\n      topPages {\n        path\n        pageViews\n        uniqueVisitors\n      }\n      tenants {\n        tenantId\n        tenantName\n        pageViews\n        visits\n        uniqueVisitors\n        activeDays\n      }\n      returnFrequency {\n        visits\n        firstVisits\n        sameDay\n        withinWeek\n        withinMonth\n        later\n        shareWithin7Days\n        shareWithin30Days\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostalRunFields on PostalRun {\n    id\n    kind\n    segmentId\n    status\n    total\n    processed\n    percent\n    valid\n    corrected\n    invalid\n    groups\n    error\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment PostalRunFields on PostalRun {\n    id\n    kind\n    segmentId\n    status\n    total\n    processed\n    percent\n    valid\n    corrected\n    invalid\n    groups\n    error\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostalRuns($first: Int, $after: String) {\n    postalRuns(first: $first, after: $after) {\n      nodes {\n        ...PostalRunFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostalRuns($first: Int, $after: String) {\n    postalRuns(first: $first, after: $after) {\n      nodes {\n        ...PostalRunFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentChoices {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentChoices {\n    segments(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostalRun($id: ID!) {\n    postalRun(id: $id) {\n      ...PostalRunFields\n    }\n  }\n"): (typeof documents)["\n  query PostalRun($id: ID!) {\n    postalRun(id: $id) {\n      ...PostalRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AddressReasonFields on AddressReason {\n    code\n    severity\n    labelFr\n    labelEn\n  }\n"): (typeof documents)["\n  fragment AddressReasonFields on AddressReason {\n    code\n    severity\n    labelFr\n    labelEn\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RnvpResults($runId: ID!, $status: AddressStatus, $first: Int, $after: String) {\n    rnvpResults(runId: $runId, status: $status, first: $first, after: $after) {\n      nodes {\n        contactId\n        lines\n        status\n        appliedAt\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query RnvpResults($runId: ID!, $status: AddressStatus, $first: Int, $after: String) {\n    rnvpResults(runId: $runId, status: $status, first: $first, after: $after) {\n      nodes {\n        contactId\n        lines\n        status\n        appliedAt\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuplicateGroups($runId: ID!, $first: Int, $after: String) {\n    duplicateGroups(runId: $runId, first: $first, after: $after) {\n      nodes {\n        id\n        confidence\n        status\n        survivorId\n        decidedAt\n        contacts {\n          id\n          externalId\n          civility\n          firstName\n          lastName\n          personalEmail\n          mobilePhone\n          addressLine4\n          postalCode\n          city\n          birthDate\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DuplicateGroups($runId: ID!, $first: Int, $after: String) {\n    duplicateGroups(runId: $runId, first: $first, after: $after) {\n      nodes {\n        id\n        confidence\n        status\n        survivorId\n        decidedAt\n        contacts {\n          id\n          externalId\n          civility\n          firstName\n          lastName\n          personalEmail\n          mobilePhone\n          addressLine4\n          postalCode\n          city\n          birthDate\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRnvpRun($input: StartPostalRunInput!) {\n    startRnvpRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartRnvpRun($input: StartPostalRunInput!) {\n    startRnvpRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartDedupRun($input: StartPostalRunInput!) {\n    startDedupRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartDedupRun($input: StartPostalRunInput!) {\n    startDedupRun(input: $input) {\n      run {\n        ...PostalRunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyRnvpCorrections($input: ApplyRnvpCorrectionsInput!) {\n    applyRnvpCorrections(input: $input) {\n      appliedCount\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyRnvpCorrections($input: ApplyRnvpCorrectionsInput!) {\n    applyRnvpCorrections(input: $input) {\n      appliedCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeDuplicateGroup($input: MergeDuplicateGroupInput!) {\n    mergeDuplicateGroup(input: $input) {\n      survivorId\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MergeDuplicateGroup($input: MergeDuplicateGroupInput!) {\n    mergeDuplicateGroup(input: $input) {\n      survivorId\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissDuplicateGroup($input: DismissDuplicateGroupInput!) {\n    dismissDuplicateGroup(input: $input) {\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DismissDuplicateGroup($input: DismissDuplicateGroupInput!) {\n    dismissDuplicateGroup(input: $input) {\n      group {\n        id\n        status\n        survivorId\n        decidedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NormalizeAddresses($input: NormalizeAddressesInput!) {\n    normalizeAddresses(input: $input) {\n      addresses {\n        lines\n        status\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation NormalizeAddresses($input: NormalizeAddressesInput!) {\n    normalizeAddresses(input: $input) {\n      addresses {\n        lines\n        status\n        reasons {\n          ...AddressReasonFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RnvpContact($id: ID!) {\n    contact(id: $id) {\n      id\n      civility\n      firstName\n      lastName\n      companyName\n      addressLine1\n      addressLine2\n      addressLine3\n      addressLine4\n      addressLine5\n      addressLine6\n      postalCode\n      city\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query RnvpContact($id: ID!) {\n    contact(id: $id) {\n      id\n      civility\n      firstName\n      lastName\n      companyName\n      addressLine1\n      addressLine2\n      addressLine3\n      addressLine4\n      addressLine5\n      addressLine6\n      postalCode\n      city\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostalRunScopeCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n"): (typeof documents)["\n  query PostalRunScopeCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostalSegmentDefinition($id: ID!) {\n    segment(id: $id) {\n      id\n      definition\n    }\n  }\n"): (typeof documents)["\n  query PostalSegmentDefinition($id: ID!) {\n    segment(id: $id) {\n      id\n      definition\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomFieldsForSegments {\n    customFields {\n      id\n      key\n      label\n      kind\n      options\n    }\n  }\n"): (typeof documents)["\n  query CustomFieldsForSegments {\n    customFields {\n      id\n      key\n      label\n      kind\n      options\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n"): (typeof documents)["\n  query ContactCount($definition: SegmentNodeInput) {\n    contactCount(definition: $definition)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    definition\n    createdAt\n    updatedAt\n    exportUrl\n  }\n"): (typeof documents)["\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    definition\n    createdAt\n    updatedAt\n    exportUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segments($first: Int, $after: String) {\n    segments(first: $first, after: $after) {\n      nodes {\n        ...SegmentFields\n        count\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Segments($first: Int, $after: String) {\n    segments(first: $first, after: $after) {\n      nodes {\n        ...SegmentFields\n        count\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentFields\n    }\n  }\n"): (typeof documents)["\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentSample($definition: SegmentNodeInput!, $first: Int) {\n    segmentSample(definition: $definition, first: $first) {\n      nodes {\n        id\n        civility\n        firstName\n        lastName\n        personalEmail\n        postalCode\n        city\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentSample($definition: SegmentNodeInput!, $first: Int) {\n    segmentSample(definition: $definition, first: $first) {\n      nodes {\n        id\n        civility\n        firstName\n        lastName\n        personalEmail\n        postalCode\n        city\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      deletedSegmentId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      deletedSegmentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveAnnouncements {\n    activeAnnouncements {\n      id\n      severity\n      textFr\n      textEn\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query ActiveAnnouncements {\n    activeAnnouncements {\n      id\n      severity\n      textFr\n      textEn\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketSummaryFields on Ticket {\n    id\n    tenantId\n    number\n    kind\n    proposedPriority\n    priority\n    qualified\n    status\n    subject\n    channel\n    requesterEmail\n    assignedTo\n    openedAt\n    respondedAt\n    dueAt\n    businessMinutesLeft\n    answeredInTime\n    workaroundAt\n    resolvedAt\n    closedAt\n    closedReason\n  }\n"): (typeof documents)["\n  fragment TicketSummaryFields on Ticket {\n    id\n    tenantId\n    number\n    kind\n    proposedPriority\n    priority\n    qualified\n    status\n    subject\n    channel\n    requesterEmail\n    assignedTo\n    openedAt\n    respondedAt\n    dueAt\n    businessMinutesLeft\n    answeredInTime\n    workaroundAt\n    resolvedAt\n    closedAt\n    closedReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketThreadFields on Ticket {\n    ...TicketSummaryFields\n    messages {\n      id\n      authorKind\n      authorName\n      body\n      createdAt\n      attachments {\n        id\n        filename\n        contentType\n        sizeBytes\n        url\n      }\n    }\n    events {\n      action\n      actorKind\n      actorName\n      at\n      detail\n    }\n  }\n"): (typeof documents)["\n  fragment TicketThreadFields on Ticket {\n    ...TicketSummaryFields\n    messages {\n      id\n      authorKind\n      authorName\n      body\n      createdAt\n      attachments {\n        id\n        filename\n        contentType\n        sizeBytes\n        url\n      }\n    }\n    events {\n      action\n      actorKind\n      actorName\n      at\n      detail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTickets($first: Int, $after: String) {\n    tickets(first: $first, after: $after) {\n      nodes {\n        ...TicketSummaryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyTickets($first: Int, $after: String) {\n    tickets(first: $first, after: $after) {\n      nodes {\n        ...TicketSummaryFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTicket($id: ID!) {\n    ticket(id: $id) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  query MyTicket($id: ID!) {\n    ticket(id: $id) {\n      ...TicketThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenTicket($input: OpenTicketInput!) {\n    openTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation OpenTicket($input: OpenTicketInput!) {\n    openTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyToTicket($ticketId: ID!, $body: String!, $attachmentIds: [ID!]!) {\n    replyToTicket(ticketId: $ticketId, body: $body, attachmentIds: $attachmentIds) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReplyToTicket($ticketId: ID!, $body: String!, $attachmentIds: [ID!]!) {\n    replyToTicket(ticketId: $ticketId, body: $body, attachmentIds: $attachmentIds) {\n      ...TicketThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportQueue(\n    $tenantId: ID\n    $status: TicketStatus\n    $priority: Priority\n    $includeClosed: Boolean!\n  ) {\n    supportQueue(\n      tenantId: $tenantId\n      status: $status\n      priority: $priority\n      includeClosed: $includeClosed\n      first: 200\n    ) {\n      ...TicketSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query SupportQueue(\n    $tenantId: ID\n    $status: TicketStatus\n    $priority: Priority\n    $includeClosed: Boolean!\n  ) {\n    supportQueue(\n      tenantId: $tenantId\n      status: $status\n      priority: $priority\n      includeClosed: $includeClosed\n      first: 200\n    ) {\n      ...TicketSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SupportTenants {\n    tenants(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportTicket($tenantId: ID!, $id: ID!) {\n    supportTicket(tenantId: $tenantId, id: $id) {\n      ...TicketThreadFields\n    }\n    tenant(id: $tenantId) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query SupportTicket($tenantId: ID!, $id: ID!) {\n    supportTicket(tenantId: $tenantId, id: $id) {\n      ...TicketThreadFields\n    }\n    tenant(id: $tenantId) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QualifyTicket($tenantId: ID!, $ticketId: ID!, $priority: Priority!) {\n    qualifyTicket(tenantId: $tenantId, ticketId: $ticketId, priority: $priority) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation QualifyTicket($tenantId: ID!, $ticketId: ID!, $priority: Priority!) {\n    qualifyTicket(tenantId: $tenantId, ticketId: $ticketId, priority: $priority) {\n      ...TicketThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignTicket($tenantId: ID!, $ticketId: ID!, $staffId: ID) {\n    assignTicket(tenantId: $tenantId, ticketId: $ticketId, staffId: $staffId) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation AssignTicket($tenantId: ID!, $ticketId: ID!, $staffId: ID) {\n    assignTicket(tenantId: $tenantId, ticketId: $ticketId, staffId: $staffId) {\n      ...TicketThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandleTicket($input: HandleTicketInput!) {\n    handleTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation HandleTicket($input: HandleTicketInput!) {\n    handleTicket(input: $input) {\n      ...TicketThreadFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;