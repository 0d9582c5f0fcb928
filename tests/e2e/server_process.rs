//! The real server binary (`target/debug/crm360`, built by `cargo build -p crm360`;
//! `scripts/test.sh` builds it before the tests) as a child process, for the tests that kill
//! it with SIGKILL (`faults`, `campaign_faults`).

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const DEMO_PASSWORD: &str = "Demo-crm360-2026!";

pub fn binary() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/crm360");
    assert!(path.is_file(), "{} is missing: build it with `cargo build -p crm360`", path.display());
    path
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server as a child process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base_url: String,
    log: PathBuf,
}

impl Server {
    /// Starts `crm360 serve <extra args>` on `database_url`, its data in `work/data`, with
    /// `envs` set, and waits until it answers `/healthz`. Its output goes to a log in `work`.
    pub async fn start(database_url: &str, work: &Path, extra: &[&str], envs: &[(&str, &std::ffi::OsStr)]) -> Server {
        let port = free_port();
        let log = work.join(format!("server-{port}.log"));
        let listen = format!("127.0.0.1:{port}");
        let mut command = Command::new(binary());
        command
            .arg("serve")
            .args(extra)
            .args(["--listen", &listen])
            .env("DATABASE_URL", database_url)
            .env("CRM360_DATA_DIR", work.join("data"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (key, value) in envs {
            command.env(key, value);
        }
        let child = command.spawn().expect("the server starts");
        let server = Server { child, base_url: format!("http://{listen}"), log };
        let started = Instant::now();
        while reqwest::get(server.url("/healthz")).await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not start: {}", server.log_text());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no drain, the job left running under its lease.
    pub fn kill_9(&mut self) {
        let status = Command::new("kill").args(["-9", &self.child.id().to_string()]).status().expect("kill runs");
        assert!(status.success());
        self.child.wait().expect("the server is reaped");
    }

    /// A GraphQL call: the HTTP status and the body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
        let mut request = reqwest::Client::new()
            .post(self.url("/graphql"))
            .timeout(Duration::from_secs(60))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON body"))
    }

    /// Logs a demo account in; its bearer token.
    pub async fn login(&self, email: &str) -> String {
        let (_, body) = self
            .gql(
                None,
                "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p, returnToken: true}) { token } }",
                json!({ "e": email, "p": DEMO_PASSWORD }),
            )
            .await;
        body["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("login failed: {body:#}")).to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
