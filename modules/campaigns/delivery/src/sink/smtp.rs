//! A small SMTP server on tokio that keeps what it receives.
//!
//! Written here rather than taken from a crate: the maintained embeddable server,
//! `mailin-embedded`, does blocking I/O on a fixed thread pool, so it would hold one thread
//! per connection beside our runtime, cap concurrent connections at the pool size and offer
//! no place to run a hook between the final "." and the 250. The subset a sink needs
//! (RFC 5321 without TLS, AUTH or relaying) is small.
//!
//! Supported: EHLO/HELO, MAIL FROM (with SIZE checked), RCPT TO, DATA (dot-unstuffing, bare
//! LF tolerated), RSET, NOOP, VRFY (252), HELP, QUIT. Advertised: 8BITMIME, SMTPUTF8,
//! ENHANCEDSTATUSCODES, SIZE. Commands are answered strictly in order, so a client that
//! pipelines anyway is served correctly.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// Largest message accepted (also advertised with SIZE); bigger ones get a 552.
pub const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;
/// Longest command line. RFC 5321 sets 512 octets; leave room for long parameters.
const MAX_COMMAND_LINE: usize = 4096;
/// Message lines are read in pieces of at most this size, so a huge line costs no more
/// memory than the message bound.
const DATA_CHUNK: u64 = 64 * 1024;
/// Most recipients in one transaction (RFC 5321 requires at least 100).
const MAX_RECIPIENTS: usize = 1000;
/// A connection silent for this long between commands is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(300);
/// Longest time to receive one message's data.
const DATA_TIMEOUT: Duration = Duration::from_secs(600);

const GREETING: &[u8] = b"220 crm360-sink ESMTP ready\r\n";
/// The SIZE value must equal [`MAX_MESSAGE_BYTES`] (checked by a test).
const EHLO_REPLY: &[u8] =
    b"250-crm360-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE 10485760\r\n";

/// A message as the sink received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// Envelope sender (MAIL FROM), empty for a null sender (`<>`).
    pub mail_from: String,
    /// Envelope recipients (RCPT TO) that were accepted.
    pub rcpt_to: Vec<String>,
    /// The raw message after dot-unstuffing, line endings as sent (CRLF for lettre).
    pub data: Vec<u8>,
    /// When its final "." arrived.
    pub received_at: DateTime<Utc>,
}

type Hook = Arc<dyn Fn(&ReceivedMail) + Send + Sync>;

struct Shared {
    messages: Mutex<Vec<Arc<ReceivedMail>>>,
    /// Number of messages received so far, for [`SmtpSink::wait_for`].
    count: watch::Sender<usize>,
    hook: RwLock<Option<Hook>>,
    /// Lower-case recipient → permanent refusal?
    refusals: Mutex<HashMap<String, bool>>,
    maildir: Option<PathBuf>,
    /// Whether messages stay in memory (tests read them); otherwise only counted, so that a
    /// long demo or a benchmark keeps its memory flat.
    in_memory: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking hook must not make the sink unusable for the rest of a test run.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn refusal(&self, recipient: &str) -> Option<bool> {
        let refusals = lock(&self.refusals);
        if refusals.is_empty() { None } else { refusals.get(&recipient.to_ascii_lowercase()).copied() }
    }

    /// Keeps a complete message: maildir first (a failure there means "not received"),
    /// then memory, then the hook.
    async fn keep(&self, mail: ReceivedMail) -> io::Result<()> {
        let mail = Arc::new(mail);
        if let Some(dir) = &self.maildir {
            let (dir, mail) = (dir.clone(), mail.clone());
            tokio::task::spawn_blocking(move || write_maildir(&dir, &mail.data)).await.map_err(io::Error::other)??;
        }
        if self.in_memory {
            lock(&self.messages).push(mail.clone());
        }
        self.count.send_modify(|count| *count += 1);
        let hook = self.hook.read().unwrap_or_else(PoisonError::into_inner).clone();
        if let Some(hook) = hook {
            hook(&mail);
        }
        Ok(())
    }
}

/// Writes one message the maildir way: into `tmp/`, then renamed into `new/`.
fn write_maildir(dir: &Path, data: &[u8]) -> io::Result<()> {
    let name = format!("{}.{}.crm360-sink", Utc::now().timestamp(), uuid::Uuid::new_v4().simple());
    let tmp = dir.join("tmp").join(&name);
    std::fs::write(&tmp, data)?;
    std::fs::rename(&tmp, dir.join("new").join(&name))
}

/// A running SMTP sink; stops (with its connections) when dropped.
pub struct SmtpSink {
    shared: Arc<Shared>,
    local_addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection.
        self.task.abort();
    }
}

impl std::fmt::Debug for SmtpSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSink").field("local_addr", &self.local_addr).finish_non_exhaustive()
    }
}

impl SmtpSink {
    /// Starts on `addr` (e.g. "127.0.0.1:0"), keeping messages in memory and, when `maildir` is
    /// Some, also writing each to `<maildir>/new/<unique>` (create tmp/new/cur).
    ///
    /// Refuses a non-loopback address with [`io::ErrorKind::InvalidInput`].
    pub async fn start(addr: &str, maildir: Option<PathBuf>) -> io::Result<SmtpSink> {
        SmtpSink::start_with(addr, maildir, true).await
    }

    /// Like [`SmtpSink::start`]; with `in_memory` false, messages are only counted (and
    /// written to `maildir` if given): [`SmtpSink::received`] stays empty.
    pub async fn start_with(addr: &str, maildir: Option<PathBuf>, in_memory: bool) -> io::Result<SmtpSink> {
        if let Some(dir) = &maildir {
            for sub in ["tmp", "new", "cur"] {
                tokio::fs::create_dir_all(dir.join(sub)).await?;
            }
        }
        let listener = super::bind_loopback(addr).await?;
        let local_addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            messages: Mutex::new(Vec::new()),
            count: watch::Sender::new(0),
            hook: RwLock::new(None),
            refusals: Mutex::new(HashMap::new()),
            maildir,
            in_memory,
        });
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(SmtpSink { shared, local_addr, task })
    }

    /// The address it listens on (with the port chosen when started on port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Copies of every message received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedMail> {
        lock(&self.shared.messages).iter().map(|mail| ReceivedMail::clone(mail)).collect()
    }

    /// How many messages arrived so far, without copying them.
    pub fn received_count(&self) -> usize {
        *self.shared.count.borrow()
    }

    /// Waits until at least `n` messages arrived or `timeout` passes; returns what arrived.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let mut count = self.shared.count.subscribe();
        // Err only on timeout (the sender lives in `shared`): return what there is.
        let _ = tokio::time::timeout(timeout, count.wait_for(|count| *count >= n)).await;
        self.received()
    }

    /// A hook called with each message after its final "." and BEFORE the sink answers 250
    /// (tests use it to kill the sending process at the exact moment a message has reached
    /// the server but the sender has not heard back).
    ///
    /// The message is already kept (memory, maildir) when the hook runs. The hook runs on
    /// the connection's task: blocking in it holds that connection's answer, and a hook that
    /// blocks for long should wrap the wait in `tokio::task::block_in_place` (multi-threaded
    /// runtime) so that the rest of the runtime, timers included, goes on. A panic in it drops
    /// the connection without an answer. A later call replaces the hook.
    pub fn on_message(&self, hook: impl Fn(&ReceivedMail) + Send + Sync + 'static) {
        *self.shared.hook.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(hook));
    }

    /// Makes the sink answer the next messages to these recipients with a permanent refusal
    /// (550) or temporary (451) — for tests of failures.
    ///
    /// The refusal is given at RCPT TO (recipient compared case-insensitively) and lasts
    /// until [`accept`](Self::accept) lifts it.
    pub fn refuse(&self, recipient: &str, permanent: bool) {
        lock(&self.shared.refusals).insert(recipient.trim().to_ascii_lowercase(), permanent);
    }

    /// Lifts a refusal set with [`refuse`](Self::refuse).
    pub fn accept(&self, recipient: &str) {
        lock(&self.shared.refusals).remove(&recipient.trim().to_ascii_lowercase());
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let shared = shared.clone();
                    connections.spawn(async move {
                        if let Err(err) = serve(stream, &shared).await {
                            tracing::debug!(%peer, %err, "SMTP sink connection ended with an error");
                        }
                    });
                }
                Err(err) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(%err, "SMTP sink could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// The transaction being built between MAIL and the end of DATA.
struct Envelope {
    mail_from: String,
    rcpt_to: Vec<String>,
    size_hint: usize,
}

async fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    // Every exchange is a small request and answer: do not let Nagle hold answers back.
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::with_capacity(16 * 1024, read);
    // One buffer reused for every command line.
    let mut line = Vec::with_capacity(256);
    let mut envelope: Option<Envelope> = None;
    write.write_all(GREETING).await?;

    loop {
        line.clear();
        let mut limited = (&mut reader).take(MAX_COMMAND_LINE as u64);
        let Ok(read) = tokio::time::timeout(IDLE_TIMEOUT, limited.read_until(b'\n', &mut line)).await else {
            write.write_all(b"421 4.4.2 Idle for too long, closing\r\n").await?;
            return Ok(());
        };
        if read? == 0 {
            return Ok(());
        }
        if line.last() != Some(&b'\n') {
            if line.len() >= MAX_COMMAND_LINE {
                write.write_all(b"500 5.5.2 Line too long\r\n").await?;
            }
            // Too long, or the client left in the middle of a line.
            return Ok(());
        }
        let (verb, arg) = split_command(trim_line(&line));

        if verb.eq_ignore_ascii_case(b"EHLO") {
            envelope = None;
            write.write_all(EHLO_REPLY).await?;
        } else if verb.eq_ignore_ascii_case(b"HELO") {
            envelope = None;
            write.write_all(b"250 crm360-sink\r\n").await?;
        } else if verb.eq_ignore_ascii_case(b"MAIL") {
            if envelope.is_some() {
                write.write_all(b"503 5.5.1 Transaction already started\r\n").await?;
                continue;
            }
            let Some((mail_from, params)) = parse_path(arg, b"FROM:") else {
                write.write_all(b"501 5.5.4 Syntax: MAIL FROM:<address>\r\n").await?;
                continue;
            };
            let size_hint = size_param(params).unwrap_or(0);
            if size_hint > MAX_MESSAGE_BYTES {
                write.write_all(b"552 5.3.4 Message too big\r\n").await?;
                continue;
            }
            envelope = Some(Envelope { mail_from, rcpt_to: Vec::new(), size_hint });
            write.write_all(b"250 2.1.0 Ok\r\n").await?;
        } else if verb.eq_ignore_ascii_case(b"RCPT") {
            let Some(current) = envelope.as_mut() else {
                write.write_all(b"503 5.5.1 MAIL first\r\n").await?;
                continue;
            };
            let recipient = match parse_path(arg, b"TO:") {
                Some((recipient, _)) if !recipient.is_empty() => recipient,
                _ => {
                    write.write_all(b"501 5.5.4 Syntax: RCPT TO:<address>\r\n").await?;
                    continue;
                }
            };
            if current.rcpt_to.len() >= MAX_RECIPIENTS {
                write.write_all(b"452 4.5.3 Too many recipients\r\n").await?;
                continue;
            }
            match shared.refusal(&recipient) {
                Some(true) => write.write_all(b"550 5.1.1 Mailbox unavailable\r\n").await?,
                Some(false) => write.write_all(b"451 4.2.0 Mailbox busy, try again later\r\n").await?,
                None => {
                    current.rcpt_to.push(recipient);
                    write.write_all(b"250 2.1.5 Ok\r\n").await?;
                }
            }
        } else if verb.eq_ignore_ascii_case(b"DATA") {
            let current = match envelope.take() {
                Some(current) if !current.rcpt_to.is_empty() => current,
                Some(current) => {
                    envelope = Some(current);
                    write.write_all(b"554 5.5.1 No valid recipients\r\n").await?;
                    continue;
                }
                None => {
                    write.write_all(b"503 5.5.1 MAIL first\r\n").await?;
                    continue;
                }
            };
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = Vec::with_capacity(current.size_hint.clamp(8 * 1024, MAX_MESSAGE_BYTES));
            let Ok(fits) = tokio::time::timeout(DATA_TIMEOUT, read_data(&mut reader, &mut data)).await else {
                write.write_all(b"421 4.4.2 Data took too long, closing\r\n").await?;
                return Ok(());
            };
            if !fits? {
                write.write_all(b"552 5.3.4 Message too big\r\n").await?;
                continue;
            }
            let mail =
                ReceivedMail { mail_from: current.mail_from, rcpt_to: current.rcpt_to, data, received_at: Utc::now() };
            match shared.keep(mail).await {
                Ok(()) => write.write_all(b"250 2.0.0 Ok: queued\r\n").await?,
                Err(err) => {
                    tracing::warn!(%err, "SMTP sink could not store a message");
                    write.write_all(b"451 4.3.0 Could not store the message\r\n").await?;
                }
            }
        } else if verb.eq_ignore_ascii_case(b"RSET") {
            envelope = None;
            write.write_all(b"250 2.0.0 Ok\r\n").await?;
        } else if verb.eq_ignore_ascii_case(b"NOOP") {
            write.write_all(b"250 2.0.0 Ok\r\n").await?;
        } else if verb.eq_ignore_ascii_case(b"QUIT") {
            write.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else if verb.eq_ignore_ascii_case(b"VRFY") {
            write.write_all(b"252 2.1.5 Cannot verify, send some mail\r\n").await?;
        } else if verb.eq_ignore_ascii_case(b"HELP") {
            write.write_all(b"214 2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP VRFY QUIT\r\n").await?;
        } else {
            write.write_all(b"502 5.5.2 Command not implemented\r\n").await?;
        }
    }
}

/// Reads message data up to the lone "." line, undoing dot-stuffing, straight into `data`.
/// Returns false when the message exceeded [`MAX_MESSAGE_BYTES`] (its data is then dropped).
async fn read_data(reader: &mut BufReader<OwnedReadHalf>, data: &mut Vec<u8>) -> io::Result<bool> {
    let mut at_line_start = true;
    let mut too_big = false;
    loop {
        if reader.buffer().is_empty() {
            ack_now(reader.get_ref());
        }
        let start = data.len();
        // A line longer than DATA_CHUNK arrives in several pieces; only a piece that starts
        // a line can be the terminator or carry a stuffed dot.
        let read = (&mut *reader).take(DATA_CHUNK).read_until(b'\n', data).await?;
        if read == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed during DATA"));
        }
        if at_line_start {
            let piece = &data[start..];
            if piece == b".\r\n" || piece == b".\n" {
                data.truncate(start);
                return Ok(!too_big);
            }
            if piece[0] == b'.' {
                data.remove(start);
            }
        }
        at_line_start = data.last() == Some(&b'\n');
        if too_big || data.len() > MAX_MESSAGE_BYTES {
            // Keep reading to the terminator so the session stays in step, but keep nothing.
            too_big = true;
            data.clear();
        }
    }
}

/// Sends the ACK of what was read at once instead of after the delayed-ACK timer.
///
/// lettre writes the message and its final ".\r\n" in two writes without TCP_NODELAY, so
/// Nagle holds the second until the first is acknowledged; with Linux's delayed ACK that
/// is 40 ms per message, which caps a pooled connection at about 25 messages a second.
/// TCP_QUICKACK is not sticky, hence one call each time DATA waits on the socket.
fn ack_now(stream: &OwnedReadHalf) {
    #[cfg(target_os = "linux")]
    {
        let stream: &TcpStream = stream.as_ref();
        // Best effort: without it the sink is only slower.
        let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = stream;
}

fn trim_line(line: &[u8]) -> &[u8] {
    let end = line.iter().rposition(|byte| !matches!(byte, b'\r' | b'\n' | b' ' | b'\t')).map_or(0, |i| i + 1);
    &line[..end]
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|byte| !matches!(byte, b' ' | b'\t')).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Splits `VERB rest`; the verb is compared case-insensitively by the caller.
fn split_command(command: &[u8]) -> (&[u8], &[u8]) {
    let end = command.iter().position(|&byte| byte == b' ').unwrap_or(command.len());
    (&command[..end], trim_start(&command[end..]))
}

/// Parses `FROM:<path> params` / `TO:<path> params`; lenient about spaces and missing
/// brackets, drops an old-style source route (`<@relay:user@host>`).
fn parse_path<'a>(arg: &'a [u8], keyword: &[u8]) -> Option<(String, &'a [u8])> {
    if arg.len() < keyword.len() || !arg[..keyword.len()].eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = trim_start(&arg[keyword.len()..]);
    let (path, params) = if rest.first() == Some(&b'<') {
        let end = rest.iter().position(|&byte| byte == b'>')?;
        (&rest[1..end], &rest[end + 1..])
    } else {
        let end = rest.iter().position(|&byte| byte == b' ').unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        (&rest[..end], &rest[end..])
    };
    let path = match path.iter().position(|&byte| byte == b':') {
        Some(colon) if path.first() == Some(&b'@') => &path[colon + 1..],
        _ => path,
    };
    Some((String::from_utf8_lossy(path).into_owned(), trim_start(params)))
}

/// The value of a `SIZE=n` MAIL parameter.
fn size_param(params: &[u8]) -> Option<usize> {
    params
        .split(|&byte| byte == b' ')
        .find(|param| param.len() > 5 && param[..5].eq_ignore_ascii_case(b"SIZE="))
        .and_then(|param| std::str::from_utf8(&param[5..]).ok()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A raw SMTP client speaking line by line.
    struct Client {
        reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
        writer: tokio::net::tcp::OwnedWriteHalf,
    }

    impl Client {
        async fn connect(sink: &SmtpSink) -> Client {
            let stream = TcpStream::connect(sink.local_addr()).await.unwrap();
            let (read, writer) = stream.into_split();
            let mut client = Client { reader: BufReader::new(read), writer };
            assert!(client.reply().await.starts_with("220 "));
            client
        }

        /// Reads one (possibly multi-line) reply.
        async fn reply(&mut self) -> String {
            let mut all = String::new();
            loop {
                let mut line = String::new();
                assert!(self.reader.read_line(&mut line).await.unwrap() > 0, "connection closed");
                all.push_str(&line);
                if line.as_bytes().get(3) != Some(&b'-') {
                    return all;
                }
            }
        }

        async fn send(&mut self, bytes: &[u8]) {
            self.writer.write_all(bytes).await.unwrap();
        }

        async fn command(&mut self, line: &str) -> String {
            self.send(format!("{line}\r\n").as_bytes()).await;
            self.reply().await
        }
    }

    #[test]
    fn advertised_size_matches_the_limit() {
        let advertised = format!("250 SIZE {MAX_MESSAGE_BYTES}\r\n");
        assert!(EHLO_REPLY.ends_with(advertised.as_bytes()));
    }

    #[tokio::test]
    async fn full_session_with_dot_unstuffing() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let mut client = Client::connect(&sink).await;
        let ehlo = client.command("EHLO client.test").await;
        assert!(ehlo.contains("8BITMIME") && ehlo.contains("SIZE 10485760"), "{ehlo}");
        assert!(client.command("NOOP").await.starts_with("250"));
        assert!(client.command("RCPT TO:<a@x.example>").await.starts_with("503"));
        assert!(client.command("DATA").await.starts_with("503"));
        assert!(client.command("mail from:<s@y.example> BODY=8BITMIME SIZE=100").await.starts_with("250"));
        assert!(client.command("MAIL FROM:<s@y.example>").await.starts_with("503"));
        assert!(client.command("DATA").await.starts_with("554"));
        assert!(client.command("RCPT TO:<a@x.example>").await.starts_with("250"));
        assert!(client.command("RCPT TO: <@relay.example:b@x.example>").await.starts_with("250"));
        assert!(client.command("DATA").await.starts_with("354"));
        client.send(b"Subject: t\r\n\r\n..leading dot\r\n..\r\n...\r\nbare lf\nend\r\n.\r\n").await;
        assert!(client.reply().await.starts_with("250"));
        // RSET drops a transaction in progress.
        let reply = client.command("MAIL FROM:<>").await;
        assert!(reply.starts_with("250"), "{reply}");
        assert!(client.command("RSET").await.starts_with("250"));
        assert!(client.command("RCPT TO:<a@x.example>").await.starts_with("503"));
        assert!(client.command("STARTTLS").await.starts_with("502"));
        assert!(client.command("QUIT").await.starts_with("221"));

        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].mail_from, "s@y.example");
        assert_eq!(received[0].rcpt_to, vec!["a@x.example", "b@x.example"]);
        assert_eq!(received[0].data, b"Subject: t\r\n\r\n.leading dot\r\n.\r\n..\r\nbare lf\nend\r\n");
    }

    #[tokio::test]
    async fn bounds_message_size_and_line_length() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let mut client = Client::connect(&sink).await;
        assert!(client.command("HELO client.test").await.starts_with("250"));
        assert!(client.command("MAIL FROM:<s@y.example> SIZE=99999999").await.starts_with("552"));
        assert!(client.command("MAIL FROM:<s@y.example>").await.starts_with("250"));
        assert!(client.command("RCPT TO:<a@x.example>").await.starts_with("250"));
        assert!(client.command("DATA").await.starts_with("354"));
        // 11 MB in 1 MB lines, one of which starts with "." to stress the piece logic.
        let line = format!(".{}\r\n", "x".repeat(1024 * 1024 - 3));
        for _ in 0..11 {
            client.send(line.as_bytes()).await;
        }
        client.send(b".\r\n").await;
        assert!(client.reply().await.starts_with("552"));
        // The session is still in step and usable.
        assert!(client.command("MAIL FROM:<s@y.example>").await.starts_with("250"));
        assert!(sink.received().is_empty());

        client.send(&vec![b'A'; MAX_COMMAND_LINE + 10]).await;
        assert!(client.reply().await.starts_with("500"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hook_runs_before_the_250() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let (reached_tx, reached_rx) = std::sync::mpsc::channel::<String>();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let release_rx = Mutex::new(release_rx);
        sink.on_message(move |mail| {
            reached_tx.send(mail.rcpt_to[0].clone()).unwrap();
            // Hold the answer until the test has checked that none was sent; block_in_place
            // keeps the runtime (its timers) going meanwhile.
            tokio::task::block_in_place(|| release_rx.lock().unwrap().recv_timeout(Duration::from_secs(10)).unwrap());
        });

        let mut client = Client::connect(&sink).await;
        client.command("EHLO client.test").await;
        client.command("MAIL FROM:<s@y.example>").await;
        client.command("RCPT TO:<a@x.example>").await;
        assert!(client.command("DATA").await.starts_with("354"));
        client.send(b"Subject: hook\r\n\r\nbody\r\n.\r\n").await;

        let reached = tokio::task::spawn_blocking(move || reached_rx.recv_timeout(Duration::from_secs(5)))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reached, "a@x.example");
        assert_eq!(sink.received_count(), 1, "kept before the hook runs");
        let mut line = String::new();
        let early = tokio::time::timeout(Duration::from_millis(200), client.reader.read_line(&mut line)).await;
        assert!(early.is_err(), "answered before the hook returned: {line:?}");
        release_tx.send(()).unwrap();
        assert!(client.reply().await.starts_with("250"));
    }

    #[tokio::test]
    async fn refusals_at_rcpt() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        sink.refuse("Gone@X.example", true);
        sink.refuse("busy@x.example", false);
        let mut client = Client::connect(&sink).await;
        client.command("EHLO client.test").await;
        client.command("MAIL FROM:<s@y.example>").await;
        assert!(client.command("RCPT TO:<gone@x.example>").await.starts_with("550"));
        assert!(client.command("RCPT TO:<busy@x.example>").await.starts_with("451"));
        sink.accept("busy@x.example");
        assert!(client.command("RCPT TO:<busy@x.example>").await.starts_with("250"));
    }

    #[tokio::test]
    async fn writes_a_maildir() {
        let dir = std::env::temp_dir().join(format!("crm360-sink-{}", uuid::Uuid::new_v4().simple()));
        let sink = SmtpSink::start("127.0.0.1:0", Some(dir.clone())).await.unwrap();
        let mut client = Client::connect(&sink).await;
        client.command("EHLO client.test").await;
        client.command("MAIL FROM:<s@y.example>").await;
        client.command("RCPT TO:<a@x.example>").await;
        client.command("DATA").await;
        client.send(b"Subject: maildir\r\n\r\nhello\r\n.\r\n").await;
        assert!(client.reply().await.starts_with("250"));

        let files: Vec<_> = std::fs::read_dir(dir.join("new")).unwrap().map(|entry| entry.unwrap().path()).collect();
        assert_eq!(files.len(), 1);
        assert_eq!(std::fs::read(&files[0]).unwrap(), b"Subject: maildir\r\n\r\nhello\r\n");
        assert!(dir.join("cur").is_dir());
        assert_eq!(std::fs::read_dir(dir.join("tmp")).unwrap().count(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn wait_for_times_out_with_what_arrived() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let started = std::time::Instant::now();
        assert!(sink.wait_for(1, Duration::from_millis(100)).await.is_empty());
        assert!(started.elapsed() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn refuses_non_loopback_addresses() {
        let err = SmtpSink::start("0.0.0.0:0", None).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_concurrent_connections() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let flag = Arc::new(AtomicBool::new(false));
        let seen = flag.clone();
        sink.on_message(move |_| seen.store(true, Ordering::Relaxed));
        let sink = Arc::new(sink);
        let mut tasks = JoinSet::new();
        for i in 0..100 {
            let sink = sink.clone();
            tasks.spawn(async move {
                let mut client = Client::connect(&sink).await;
                client.command("EHLO client.test").await;
                for j in 0..5 {
                    client.command("MAIL FROM:<s@y.example>").await;
                    client.command(&format!("RCPT TO:<c{i}.{j}@x.example>")).await;
                    client.command("DATA").await;
                    client.send(format!("Subject: {i}.{j}\r\n\r\nbody\r\n.\r\n").as_bytes()).await;
                    assert!(client.reply().await.starts_with("250"));
                }
                client.command("QUIT").await;
            });
        }
        while let Some(result) = tasks.join_next().await {
            result.unwrap();
        }
        assert_eq!(sink.wait_for(500, Duration::from_secs(5)).await.len(), 500);
        assert!(flag.load(Ordering::Relaxed));
    }
}
