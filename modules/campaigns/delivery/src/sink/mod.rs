//! Local servers standing in for the outside world in the demo mode and the tests: an SMTP
//! server ([`SmtpSink`]) and an SMS gateway ([`SmsSink`], the contract of
//! [`crate::transport`]). Both listen on loopback addresses only, so nothing sent to them
//! leaves the machine, and both keep what they receive in memory.
//!
//! Each stops when its handle is dropped.

mod sms;
mod smtp;

pub use sms::{ReceivedSms, SmsSink};
pub use smtp::{MAX_MESSAGE_BYTES, ReceivedMail, SmtpSink};

use std::io;
use std::net::SocketAddr;

/// Binds `addr`, refusing anything but a loopback address.
async fn bind_loopback(addr: &str) -> io::Result<tokio::net::TcpListener> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local: SocketAddr = listener.local_addr()?;
    if !local.ip().is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("sinks listen on loopback addresses only, not {local}"),
        ));
    }
    Ok(listener)
}
