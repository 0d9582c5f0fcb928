// The crm360 API explorer: embedded in the server, nothing loaded from elsewhere (the page's
// Content-Security-Policy allows its own scripts only).
"use strict";

const LIST_OPERATIONS = `{ __schema {
  queryType { fields { name description } }
  mutationType { fields { name description } }
  subscriptionType { fields { name description } }
} }`;

function element(id) {
  return document.getElementById(id);
}

async function run(query, variables) {
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/graphql-response+json, application/json",
    "X-CRM360-CSRF": "1",
  };
  const token = element("token").value.trim();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

function show(value) {
  element("result").textContent = typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

element("run").addEventListener("click", async () => {
  let variables = {};
  try {
    variables = JSON.parse(element("variables").value || "{}");
  } catch (error) {
    show(`The variables are not JSON: ${error.message}`);
    return;
  }
  try {
    show(await run(element("query").value, variables));
  } catch (error) {
    show(`The request failed: ${error.message}`);
  }
});

element("schema").addEventListener("click", async () => {
  try {
    const answer = await run(LIST_OPERATIONS, {});
    if (!answer.data) {
      show(answer);
      return;
    }
    const schema = answer.data.__schema;
    const lines = [];
    for (const [title, type] of [
      ["Queries", schema.queryType],
      ["Mutations", schema.mutationType],
      ["Subscriptions", schema.subscriptionType],
    ]) {
      if (!type) continue;
      lines.push(`# ${title}`);
      for (const field of type.fields) lines.push(`${field.name}: ${(field.description || "").split("\n")[0]}`);
      lines.push("");
    }
    show(lines.join("\n"));
  } catch (error) {
    show(`The request failed: ${error.message}`);
  }
});
