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
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConnectionLogDocument,
    "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": typeof types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.SetUserRightsDocument,
    "\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CloseUserDocument,
    "\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.ReopenUserDocument,
    "\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n": typeof types.TenantFieldsFragmentDoc,
    "\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TenantsDocument,
    "\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n": typeof types.CreateTenantDocument,
    "\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": typeof types.SuspendTenantDocument,
    "\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": typeof types.ReactivateTenantDocument,
    "\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n": typeof types.PlatformHealthDocument,
    "\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
};
const documents: Documents = {
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      secret\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConnectionLogDocument,
    "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    firstName\n    lastName\n    organization\n    isTenantAdmin\n    rights\n    status\n    lastLoginAt\n    createdAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      nodes {\n        ...UserFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserRights($input: SetUserRightsInput!) {\n    setUserRights(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.SetUserRightsDocument,
    "\n  mutation CloseUser($input: CloseUserInput!) {\n    closeUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.CloseUserDocument,
    "\n  mutation ReopenUser($input: ReopenUserInput!) {\n    reopenUser(input: $input) {\n      user {\n        ...UserFields\n      }\n    }\n  }\n": types.ReopenUserDocument,
    "\n  fragment TenantFields on Tenant {\n    id\n    name\n    platform\n    status\n    suspendedReason\n    createdAt\n    userCount\n  }\n": types.TenantFieldsFragmentDoc,
    "\n  query Tenants($first: Int, $after: String) {\n    tenants(first: $first, after: $after) {\n      nodes {\n        ...TenantFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TenantsDocument,
    "\n  mutation CreateTenant($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n      admin {\n        id\n        email\n      }\n    }\n  }\n": types.CreateTenantDocument,
    "\n  mutation SuspendTenant($input: SuspendTenantInput!) {\n    suspendTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": types.SuspendTenantDocument,
    "\n  mutation ReactivateTenant($input: ReactivateTenantInput!) {\n    reactivateTenant(input: $input) {\n      tenant {\n        ...TenantFields\n      }\n    }\n  }\n": types.ReactivateTenantDocument,
    "\n  query PlatformHealth {\n    platformHealth {\n      version\n      databaseBackend\n      databaseOk\n      uptimeSeconds\n      tenantCount\n      activeSessionCount\n    }\n  }\n": types.PlatformHealthDocument,
    "\n  fragment ViewerFields on Viewer {\n    kind\n    email\n    firstName\n    lastName\n    rights\n    isTenantAdmin\n    isOperator\n    mustChangePassword\n    idleTimeoutSeconds\n    tenant {\n      id\n      name\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": types.ChangePasswordDocument,
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
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    prefix\n    rights\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectionLog($first: Int, $after: String) {\n    connectionLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        email\n        ip\n        userAgent\n        outcome\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      nodes {\n        id\n        at\n        actorKind\n        actorId\n        action\n        targetType\n        targetId\n        before\n        after\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;