import { graphql } from "../gql";

export const SmsMeasureFields = graphql(`
  fragment SmsMeasureFields on SmsMeasure {
    encoding
    units
    segments
    perSegment
    remainingInSegment
    nonGsmCharacters
  }
`);

export const TemplateFields = graphql(`
  fragment TemplateFields on MessageTemplate {
    id
    name
    channel
    subject
    htmlBody
    textBody
    createdAt
    updatedAt
    smsMeasure {
      ...SmsMeasureFields
    }
  }
`);

export const MessageTemplatesQuery = graphql(`
  query MessageTemplates($first: Int, $after: String) {
    messageTemplates(first: $first, after: $after) {
      nodes {
        ...TemplateFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MessageTemplateQuery = graphql(`
  query MessageTemplate($id: ID!) {
    messageTemplate(id: $id) {
      ...TemplateFields
    }
  }
`);

export const MergeFieldsQuery = graphql(`
  query MergeFields {
    mergeFields
  }
`);

export const MeasureSmsQuery = graphql(`
  query MeasureSms($text: String!) {
    measureSms(text: $text) {
      ...SmsMeasureFields
    }
  }
`);

export const PreviewMessageQuery = graphql(`
  query PreviewMessage($templateId: ID!, $contactId: ID!) {
    previewMessage(templateId: $templateId, contactId: $contactId) {
      subject
      html
      text
      smsMeasure {
        ...SmsMeasureFields
      }
    }
  }
`);

export const PreviewContactsQuery = graphql(`
  query PreviewContacts($search: String, $first: Int) {
    contacts(first: $first, search: $search) {
      nodes {
        id
        firstName
        lastName
        personalEmail
        mobilePhone
      }
    }
  }
`);

export const SenderFields = graphql(`
  fragment SenderFields on CampaignSender {
    id
    channel
    address
    displayName
    replyTo
  }
`);

export const CampaignSendersQuery = graphql(`
  query CampaignSenders {
    campaignSenders {
      ...SenderFields
    }
  }
`);

export const CreateMessageTemplateMutation = graphql(`
  mutation CreateMessageTemplate($input: MessageTemplateInput!) {
    createMessageTemplate(input: $input) {
      template {
        ...TemplateFields
      }
    }
  }
`);

export const UpdateMessageTemplateMutation = graphql(`
  mutation UpdateMessageTemplate($id: ID!, $input: MessageTemplateInput!) {
    updateMessageTemplate(id: $id, input: $input) {
      template {
        ...TemplateFields
      }
    }
  }
`);

export const DeleteMessageTemplateMutation = graphql(`
  mutation DeleteMessageTemplate($id: ID!) {
    deleteMessageTemplate(id: $id) {
      template {
        id
      }
    }
  }
`);

export const SendTestMessageMutation = graphql(`
  mutation SendTestMessage($input: SendTestMessageInput!) {
    sendTestMessage(input: $input)
  }
`);

export const SendStatsFields = graphql(`
  fragment SendStatsFields on SendStats {
    targeted
    queued
    waitingQuietHours
    sending
    sent
    failed
    bounced
    uncertain
    cancelled
    excludedNoConsent
    excludedSuppressed
    excludedInvalidAddress
    excludedDuplicate
    unsubscribed
    opened
    clicked
  }
`);

export const CampaignListFields = graphql(`
  fragment CampaignListFields on Campaign {
    id
    name
    channel
    status
    plan
    nextRunAt
    createdAt
    stats {
      sent
    }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns($first: Int, $after: String) {
    campaigns(first: $first, after: $after) {
      nodes {
        ...CampaignListFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CampaignQuery = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      id
      name
      channel
      status
      segmentId
      templateId
      senderId
      marketing
      plan
      scheduledAt
      cron
      nextRunAt
      runsStarted
      createdAt
      updatedAt
      planDescription
      abTest {
        templateId
        sharePercent
        winnerBy
        decideAfterMinutes
        winner
      }
      stats {
        ...SendStatsFields
      }
      runs {
        id
        number
        status
        dueAt
        startedAt
        finishedAt
        stats {
          ...SendStatsFields
        }
        abSides {
          variant
          sent
          opened
          clicked
        }
      }
    }
  }
`);

export const WizardSegmentsQuery = graphql(`
  query WizardSegments($first: Int) {
    segments(first: $first) {
      nodes {
        id
        name
        description
        count
      }
    }
  }
`);

export const UpcomingRunsQuery = graphql(`
  query UpcomingRuns($cron: String!, $count: Int) {
    upcomingRuns(cron: $cron, count: $count)
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      campaign {
        id
        status
      }
    }
  }
`);

export const LaunchCampaignMutation = graphql(`
  mutation LaunchCampaign($id: ID!) {
    launchCampaign(id: $id) {
      campaign {
        id
        status
        nextRunAt
      }
    }
  }
`);

export const PauseCampaignMutation = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      campaign {
        id
        status
      }
    }
  }
`);

export const ResumeCampaignMutation = graphql(`
  mutation ResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      campaign {
        id
        status
      }
    }
  }
`);

export const CancelCampaignMutation = graphql(`
  mutation CancelCampaign($id: ID!) {
    cancelCampaign(id: $id) {
      campaign {
        id
        status
      }
    }
  }
`);

export const ChooseAbWinnerMutation = graphql(`
  mutation ChooseAbWinner($id: ID!, $winner: Variant!) {
    chooseAbWinner(id: $id, winner: $winner) {
      campaign {
        id
        status
        abTest {
          templateId
          sharePercent
          winnerBy
          decideAfterMinutes
          winner
        }
      }
    }
  }
`);

export const CampaignTrackingQuery = graphql(`
  query CampaignTracking {
    campaignTracking
  }
`);

export const SetCampaignTrackingMutation = graphql(`
  mutation SetCampaignTracking($enabled: Boolean!) {
    setCampaignTracking(enabled: $enabled)
  }
`);

export const SuppressionFields = graphql(`
  fragment SuppressionFields on Suppression {
    channel
    valueHash
    masked
    reason
    campaignId
    createdAt
  }
`);

export const SuppressionsQuery = graphql(`
  query Suppressions($channel: Channel, $first: Int, $offset: Int) {
    suppressions(channel: $channel, first: $first, offset: $offset) {
      ...SuppressionFields
    }
  }
`);

export const FindSuppressionQuery = graphql(`
  query FindSuppression($channel: Channel!, $value: String!) {
    findSuppression(channel: $channel, value: $value) {
      ...SuppressionFields
    }
  }
`);

export const AddSuppressionMutation = graphql(`
  mutation AddSuppression($channel: Channel!, $value: String!) {
    addSuppression(channel: $channel, value: $value) {
      ...SuppressionFields
    }
  }
`);

export const RemoveSuppressionMutation = graphql(`
  mutation RemoveSuppression($channel: Channel!, $valueHash: String!) {
    removeSuppression(channel: $channel, valueHash: $valueHash) {
      valueHash
    }
  }
`);

export const TenantCampaignSendersQuery = graphql(`
  query TenantCampaignSenders($tenantId: ID!) {
    tenantCampaignSenders(tenantId: $tenantId) {
      ...SenderFields
    }
  }
`);

export const AllowCampaignSenderMutation = graphql(`
  mutation AllowCampaignSender($input: AllowCampaignSenderInput!) {
    allowCampaignSender(input: $input) {
      ...SenderFields
    }
  }
`);

export const WithdrawCampaignSenderMutation = graphql(`
  mutation WithdrawCampaignSender($tenantId: ID!, $id: ID!) {
    withdrawCampaignSender(tenantId: $tenantId, id: $id) {
      id
    }
  }
`);
