//! `nev-atlas edition keygen | sign | verify` and `nev-atlas diff`: editions people can trust, and
//! what changed between two of them.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use atlas_core::diff::{Change, Fact, FactChange};
use atlas_core::signature::{self, Check};
use atlas_core::store::{EditionInfo, Store};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

#[derive(Args)]
pub struct EditionArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Make a signing key: writes the secret key to a file (and the public key beside it, .pub)
    /// and prints the public key.
    Keygen {
        /// The secret key file to write (it must not exist).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Sign an edition: its signature, your name and your public key go inside the file.
    Sign {
        edition: PathBuf,
        /// Your secret key file (from `edition keygen`).
        #[arg(long)]
        key: PathBuf,
        /// Who signs: a person or an organisation, as users will see it.
        #[arg(long)]
        signer: String,
    },
    /// Check an edition's signature; fails when it is unsigned, changed after signing, or signed by
    /// a key not among --trusted.
    Verify {
        edition: PathBuf,
        /// Public keys you trust (64 hexadecimal digits, or a .pub file); repeat for several.
        #[arg(long)]
        trusted: Vec<String>,
    },
}

#[derive(Args)]
pub struct DiffArgs {
    /// The older edition.
    old: PathBuf,
    /// The newer edition.
    new: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Also list which of this workspace's facts and notes need attention with the newer edition.
    #[arg(long)]
    workspace: Option<PathBuf>,
}

pub fn edition(args: &EditionArgs) -> Result<ExitCode> {
    match &args.action {
        Action::Keygen { output } => keygen(output),
        Action::Sign { edition, key, signer } => sign(edition, key, signer),
        Action::Verify { edition, trusted } => verify(edition, trusted),
    }
}

fn keygen(output: &Path) -> Result<ExitCode> {
    let key = signature::generate_key()?;
    let public = signature::public_key_text(&key.verifying_key());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(output).with_context(|| format!("creating {} (it must not exist yet)", output.display()))?;
    file.write_all(signature::secret_key_text(&key).as_bytes())?;
    file.sync_all()?;
    let public_file = public_path(output);
    std::fs::write(&public_file, format!("{public}\n"))
        .with_context(|| format!("writing {}", public_file.display()))?;
    eprintln!(
        "wrote the secret key to {} (keep it private) and the public key to {}",
        output.display(),
        public_file.display()
    );
    println!("{public}");
    Ok(ExitCode::SUCCESS)
}

/// `KEY.pub` beside `KEY`.
fn public_path(secret: &Path) -> PathBuf {
    let mut name = secret.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

fn sign(edition: &Path, key: &Path, signer: &str) -> Result<ExitCode> {
    let text = std::fs::read_to_string(key).with_context(|| format!("reading the key {}", key.display()))?;
    let key =
        signature::parse_secret_key(&text).with_context(|| format!("{} is not a secret key file", key.display()))?;
    // Opening it as a store first checks that it is an edition of the schema we know.
    drop(Store::open(edition)?);
    let signed = signature::sign(edition, &key, signer)?;
    println!("signed {} as {} (public key {})", edition.display(), signed.name, signed.public_key);
    Ok(ExitCode::SUCCESS)
}

/// A trusted key given on the command line: the key itself, or a file holding it.
fn trusted_key(text: &str) -> Result<String> {
    let path = Path::new(text);
    let key = if path.is_file() {
        let content = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        content
            .lines()
            .map(|l| l.strip_prefix("public ").unwrap_or(l).trim())
            .find(|l| !l.is_empty() && !l.contains(' '))
            .unwrap_or_default()
            .to_string()
    } else {
        text.trim().to_string()
    };
    Ok(signature::public_key_text(&signature::parse_public_key(&key)?))
}

fn verify(edition: &Path, trusted: &[String]) -> Result<ExitCode> {
    let trusted = trusted.iter().map(|t| trusted_key(t)).collect::<Result<Vec<_>>>()?;
    drop(Store::open(edition)?);
    let failed = |message: String| {
        eprintln!("nev-atlas: {}: {message}", edition.display());
        Ok(ExitCode::FAILURE)
    };
    match signature::check(edition)? {
        Check::Unsigned => failed("this edition is not signed".to_string()),
        Check::Invalid(signer) => failed(format!(
            "this edition was changed after it was signed (it names {:?}, key {}, as its signer)",
            signer.name, signer.public_key
        )),
        Check::Valid(signer) if !trusted.is_empty() && !trusted.contains(&signer.public_key) => {
            failed(format!("signed by a key you do not trust: {:?}, key {}", signer.name, signer.public_key))
        }
        Check::Valid(signer) => {
            println!("{}: signed by {} (key {}), unchanged since", edition.display(), signer.name, signer.public_key);
            if trusted.is_empty() {
                eprintln!("note: the key was not compared with keys you trust; pass --trusted KEY to do so");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn info_json(info: &EditionInfo) -> Value {
    json!({"title": info.title, "version": info.version, "built_at": info.built_at, "data_commit": info.data_commit})
}

const FACTS: [(Fact, &str); 6] = [
    (Fact::Entity, "entities"),
    (Fact::Link, "links"),
    (Fact::Statistic, "statistics"),
    (Fact::Policy, "policies"),
    (Fact::System, "systems"),
    (Fact::Source, "sources"),
];

/// The sources of a change, looked up in the edition that has the fact.
fn sources_of(change: &FactChange, old: &Store, new: &Store) -> Result<Vec<atlas_core::model::Source>> {
    let store = if change.change == Change::Removed { old } else { new };
    let mut found = Vec::new();
    for id in &change.sources {
        if let Some(source) = store.source(id)? {
            found.push(source);
        }
    }
    Ok(found)
}

pub fn diff(args: &DiffArgs) -> Result<ExitCode> {
    let old = Store::open(&args.old)?;
    let new = Store::open(&args.new)?;
    let diff = atlas_core::diff::diff(&old, &new)?;
    let attention = match &args.workspace {
        Some(w) if !w.is_file() => bail!("no workspace at {}", w.display()),
        Some(w) => {
            let workspace = atlas_workspace::Workspace::open(w)?;
            Some(atlas_workspace::attention::attention(&args.old, &args.new, &workspace, &diff)?)
        }
        None => None,
    };
    let (old_info, new_info) = (old.edition()?, new.edition()?);
    if args.json {
        let mut summary = serde_json::Map::new();
        for (fact, name) in FACTS {
            summary.insert(
                name.to_string(),
                json!({
                    "added": diff.count(fact, Change::Added),
                    "removed": diff.count(fact, Change::Removed),
                    "changed": diff.count(fact, Change::Changed),
                }),
            );
        }
        let mut changes = Vec::new();
        for c in &diff.changes {
            let sources: Vec<Value> = sources_of(c, &old, &new)?
                .into_iter()
                .map(|s| json!({"id": s.id, "publisher": s.publisher, "title": s.title, "url": s.url, "grade": s.grade.as_str()}))
                .collect();
            changes.push(json!({
                "fact": c.fact.as_str(),
                "change": c.change.as_str(),
                "key": c.key,
                "label": c.label,
                "fields": c.fields.iter().map(|f| json!({"field": f.field, "old": f.old, "new": f.new})).collect::<Vec<_>>(),
                "sources": sources,
            }));
        }
        let mut value = json!({
            "old": info_json(&old_info),
            "new": info_json(&new_info),
            "summary": summary,
            "changes": changes,
        });
        if let Some(items) = &attention {
            value["attention"] = items
                .iter()
                .map(|a| json!({"what": a.what, "target": a.target, "new": a.new, "text": a.text}))
                .collect();
        }
        // A closed pipe (`| head`) ends the output with an error, not a panic.
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "From {} (built {}, data {}) to {} (built {}, data {})",
        old_info.version,
        old_info.built_at,
        old_info.data_commit,
        new_info.version,
        new_info.built_at,
        new_info.data_commit
    )?;
    for (fact, name) in FACTS {
        writeln!(
            out,
            "  {name}: {} added, {} removed, {} changed",
            diff.count(fact, Change::Added),
            diff.count(fact, Change::Removed),
            diff.count(fact, Change::Changed)
        )?;
    }
    for c in &diff.changes {
        let mark = match c.change {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Changed => '~',
        };
        writeln!(out, "\n{mark} {} {}: {}  [{}]", c.fact.as_str(), c.change.as_str(), c.label, c.key)?;
        for f in &c.fields {
            match c.change {
                Change::Added => writeln!(out, "    {}: {}", f.field, f.new.as_deref().unwrap_or(""))?,
                Change::Removed => writeln!(out, "    {}: {}", f.field, f.old.as_deref().unwrap_or(""))?,
                Change::Changed => writeln!(
                    out,
                    "    {}: {} -> {}",
                    f.field,
                    f.old.as_deref().map_or("(none)".to_string(), |v| format!("{v:?}")),
                    f.new.as_deref().map_or("(none)".to_string(), |v| format!("{v:?}"))
                )?,
            }
        }
        if c.fact != Fact::Source {
            for s in sources_of(c, &old, &new)? {
                writeln!(
                    out,
                    "    source {}: {}, {} <{}> (grade {})",
                    s.id,
                    s.publisher,
                    s.title,
                    s.url,
                    s.grade.as_str()
                )?;
            }
        }
    }
    if let Some(items) = &attention {
        writeln!(out, "\nYour workspace: {} item(s) need attention with the newer edition", items.len())?;
        for a in items {
            let since = if a.new { "" } else { " (already with the older edition)" };
            match &a.text {
                Some(text) => writeln!(out, "  {} {}{since}: {text:?}", a.what, a.target)?,
                None => writeln!(out, "  {} {}{since}", a.what, a.target)?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
