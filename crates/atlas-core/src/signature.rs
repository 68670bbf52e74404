//! Signed editions: an ed25519 signature over a canonical digest of an edition's content, kept
//! inside the edition file itself (three rows of its `meta` table), so an edition stays one file.
//!
//! The digest is SHA-256 over the schema version, the schema text, and every row of every table
//! (the full-text index's own tables included) in primary-key order, each value tagged with its
//! type. The three signature rows are left out, so signing does not change what is signed. Any
//! change of a value, a row or the schema after signing makes the signature invalid.

use std::path::Path;

use anyhow::{Context, Result, bail};
use ed25519_dalek::{Signature, Signer as _};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// The `meta` keys that hold the signature; they are left out of the digest.
pub const SIGNATURE_KEYS: [&str; 3] = ["signature", "signed_by", "signer_key"];

/// What is signed: this prefix, the 32-byte digest, then the signer's name.
const SIGNED_PREFIX: &[u8] = b"NEV Atlas edition signature v1\n";

/// Who signed an edition: the name they gave and their public key (64 hex digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub public_key: String,
}

/// What checking an edition's signature found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The edition carries no signature.
    Unsigned,
    /// The signature matches the content and the key it names.
    Valid(Signer),
    /// The edition was changed after it was signed (or its signature is damaged).
    Invalid(Signer),
}

impl Check {
    /// "valid", "invalid" or "unsigned".
    pub fn as_str(&self) -> &'static str {
        match self {
            Check::Unsigned => "unsigned",
            Check::Valid(_) => "valid",
            Check::Invalid(_) => "invalid",
        }
    }

    /// The signer, when the edition carries a signature.
    pub fn signer(&self) -> Option<&Signer> {
        match self {
            Check::Unsigned => None,
            Check::Valid(signer) | Check::Invalid(signer) => Some(signer),
        }
    }
}

/// Lower-case hexadecimal.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; N];
    for (index, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * index..2 * index + 2], 16).ok()?;
    }
    Some(bytes)
}

/// A new signing key from the operating system's random source.
pub fn generate_key() -> Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no random numbers from the system: {e}"))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The text of a secret key file.
pub fn secret_key_text(key: &SigningKey) -> String {
    format!(
        "NEV Atlas edition signing key. Keep this file secret.\nsecret {}\npublic {}\n",
        to_hex(&key.to_bytes()),
        public_key_text(&key.verifying_key())
    )
}

/// Reads a secret key file's text (see [`secret_key_text`]).
pub fn parse_secret_key(text: &str) -> Result<SigningKey> {
    let secret = text.lines().find_map(|line| line.strip_prefix("secret ")).context("no `secret` line")?;
    let seed = from_hex::<32>(secret).context("the secret is not 64 hexadecimal digits")?;
    Ok(SigningKey::from_bytes(&seed))
}

/// A public key as people pass it around: 64 hexadecimal digits.
pub fn public_key_text(key: &VerifyingKey) -> String {
    to_hex(key.as_bytes())
}

/// Reads a public key written by [`public_key_text`].
pub fn parse_public_key(text: &str) -> Result<VerifyingKey> {
    let bytes =
        from_hex::<32>(text).with_context(|| format!("{text:?} is not a public key (64 hexadecimal digits)"))?;
    VerifyingKey::from_bytes(&bytes).with_context(|| format!("{text:?} is not a valid ed25519 public key"))
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn feed_bytes(hasher: &mut Sha256, tag: u8, bytes: &[u8]) {
    hasher.update([tag]);
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}

fn feed_value(hasher: &mut Sha256, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hasher.update([0u8]),
        ValueRef::Integer(i) => {
            hasher.update([1u8]);
            hasher.update(i.to_be_bytes());
        }
        ValueRef::Real(r) => {
            hasher.update([2u8]);
            hasher.update(r.to_bits().to_be_bytes());
        }
        ValueRef::Text(t) => feed_bytes(hasher, 3, t),
        ValueRef::Blob(b) => feed_bytes(hasher, 4, b),
    }
}

/// The canonical SHA-256 digest of an edition's content, without its signature rows.
pub fn digest(connection: &Connection) -> Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    hasher.update(b"NEV Atlas edition digest v1\0");
    let schema_version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    hasher.update(schema_version.to_be_bytes());
    {
        let mut statement = connection.prepare(
            "SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            hasher.update(b"S");
            for column in 0..4 {
                feed_value(&mut hasher, row.get_ref(column)?);
            }
        }
    }
    let tables: Vec<(String, bool)> = connection
        .prepare(
            "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow')
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, without_rowid) in tables {
        let keys: Vec<String> = connection
            .prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?
            .query_map([&table], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let order = if keys.is_empty() && !without_rowid {
            "rowid".to_string()
        } else {
            keys.iter().map(|k| quoted(k)).collect::<Vec<_>>().join(", ")
        };
        let only = if table == "meta" { " WHERE key NOT IN ('signature', 'signed_by', 'signer_key')" } else { "" };
        let sql = format!("SELECT * FROM main.{}{only} ORDER BY {order}", quoted(&table));
        let mut statement = connection.prepare(&sql).with_context(|| format!("reading table {table}"))?;
        let columns = statement.column_count();
        feed_bytes(&mut hasher, b'T', table.as_bytes());
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            hasher.update(b"R");
            for column in 0..columns {
                feed_value(&mut hasher, row.get_ref(column)?);
            }
        }
    }
    Ok(hasher.finalize().into())
}

fn signed_message(digest: &[u8; 32], signer: &str) -> Vec<u8> {
    let mut message = SIGNED_PREFIX.to_vec();
    message.extend_from_slice(digest);
    message.extend_from_slice(signer.as_bytes());
    message
}

/// Signs the edition at `path` with `key` in the name of `signer`, replacing any signature it
/// had. Only the three signature rows of its `meta` table change.
pub fn sign(path: &Path, key: &SigningKey, signer: &str) -> Result<Signer> {
    if signer.trim().is_empty() {
        bail!("say who signs the edition (a name or an organisation)");
    }
    if !path.is_file() {
        bail!("no edition at {}", path.display());
    }
    let mut connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .with_context(|| format!("opening {}", path.display()))?;
    let transaction = connection.transaction()?;
    let digest = digest(&transaction)?;
    let signature = key.sign(&signed_message(&digest, signer));
    let public_key = public_key_text(&key.verifying_key());
    transaction.execute("DELETE FROM meta WHERE key IN ('signature', 'signed_by', 'signer_key')", [])?;
    let mut insert = transaction.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    for (key, value) in [
        ("signature", to_hex(&signature.to_bytes())),
        ("signed_by", signer.to_string()),
        ("signer_key", public_key.clone()),
    ] {
        insert.execute(params![key, value])?;
    }
    drop(insert);
    transaction.commit()?;
    Ok(Signer { name: signer.to_string(), public_key })
}

/// Checks the signature of the edition open on `connection`.
pub fn check_connection(connection: &Connection) -> Result<Check> {
    let meta = |key: &str| -> Result<Option<String>> {
        Ok(connection.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0)).optional()?)
    };
    let Some(signature) = meta("signature")? else {
        return Ok(Check::Unsigned);
    };
    let signer =
        Signer { name: meta("signed_by")?.unwrap_or_default(), public_key: meta("signer_key")?.unwrap_or_default() };
    let (Ok(key), Some(bytes)) = (parse_public_key(&signer.public_key), from_hex::<64>(&signature)) else {
        return Ok(Check::Invalid(signer));
    };
    let message = signed_message(&digest(connection)?, &signer.name);
    Ok(match key.verify_strict(&message, &Signature::from_bytes(&bytes)) {
        Ok(()) => Check::Valid(signer),
        Err(_) => Check::Invalid(signer),
    })
}

/// Checks the signature of the edition at `path`, reading it only.
pub fn check(path: &Path) -> Result<Check> {
    if !path.is_file() {
        bail!("no edition at {}", path.display());
    }
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("opening {}", path.display()))?;
    check_connection(&connection).with_context(|| format!("checking the signature of {}", path.display()))
}
