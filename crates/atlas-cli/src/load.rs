//! `nev-atlas bench-server`: many clients at once against a running `nev-atlas serve`, each on
//! its own kept-alive connection, sending the requests people make most (search, entity page,
//! neighbourhood, trace) in turn for a while; prints the latencies and the throughput as JSON.
//! `cargo xtask bench-server` runs it against our server and a baseline build.
//!
//! The client is plain HTTP/1.1 over a `TcpStream`: the server answers every API call with a
//! `Content-Length`, so nothing more is needed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use atlas_core::analytics::{SplitMix64, is_vehicle_maker};
use atlas_core::model::EntityKind;
use serde_json::json;

#[derive(clap::Args)]
pub struct LoadArgs {
    /// The server, such as 127.0.0.1:7878.
    #[arg(long)]
    address: SocketAddr,
    /// The edition the server serves, to draw ids and queries from.
    #[arg(long)]
    edition: PathBuf,
    /// Clients sending at once, each waiting for its answer before it sends again.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Seconds measured, after a warm-up.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Seconds of warm-up, not measured.
    #[arg(long, default_value_t = 1.0)]
    warmup: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// The kinds of request, sent in this order by each client.
const COMMANDS: [&str; 4] = ["search", "entity", "neighbourhood", "trace"];

/// One request: its command and its JSON body.
struct Request {
    command: usize,
    body: String,
}

/// The requests to send, drawn from the edition: searches as `bench-run` mixes them, entity pages
/// and neighbourhoods of any entity, and upstream traces of vehicle makers and firms.
fn requests(edition: &std::path::Path, seed: u64) -> Result<Vec<Request>> {
    let atlas = atlas_core::Atlas::open(edition)?;
    let chain = &atlas.graph;
    let ids: Vec<String> = chain.nodes().map(|n| chain.id(n).to_string()).collect();
    let mut traced: Vec<String> =
        chain.nodes().filter(|n| is_vehicle_maker(chain, *n)).map(|n| chain.id(n).to_string()).collect();
    traced.extend(
        chain.nodes().filter(|n| chain.entity(*n).entity.kind == EntityKind::Firm).map(|n| chain.id(n).to_string()),
    );
    if ids.is_empty() || traced.is_empty() {
        bail!("{} has no entities to ask about", edition.display());
    }
    let queries = crate::bench::search_queries(chain, 1000, seed);
    let mut rng = SplitMix64::new(seed ^ 0x10ad);
    let mut pick = |list: &[String]| list[rng.below(list.len())].clone();
    let mut requests = Vec::new();
    for query in queries {
        requests.push(Request { command: 0, body: json!({ "query": query }).to_string() });
        requests.push(Request { command: 1, body: json!({ "id": pick(&ids) }).to_string() });
        requests.push(Request { command: 2, body: json!({ "id": pick(&ids) }).to_string() });
        requests.push(Request { command: 3, body: json!({ "id": pick(&traced) }).to_string() });
    }
    Ok(requests)
}

/// A kept-alive connection to the server.
struct Client {
    address: SocketAddr,
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(address: SocketAddr) -> Result<Client> {
        let stream = TcpStream::connect(address).with_context(|| format!("connecting to {address}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        Ok(Client { address, reader: BufReader::new(stream) })
    }

    /// Sends `POST /api/<command>` with `body` and returns the status of the answer, whose body
    /// it reads in full.
    fn post(&mut self, command: &str, body: &str) -> Result<u16> {
        let request = format!(
            "POST /api/{command} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            body.len()
        );
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).context("no HTTP status")?;
        let mut length = None;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                bail!("the server closed the connection");
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<u64>().ok();
            }
        }
        let length = length.context("an answer without Content-Length")?;
        std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())?;
        Ok(status)
    }
}

/// What one client saw: microseconds per request by command, and how many failed.
#[derive(Default)]
struct Seen {
    micros: [Vec<u64>; 4],
    failed: usize,
}

fn client(address: SocketAddr, requests: &[Request], first: usize, warm_until: Instant, until: Instant) -> Seen {
    let mut seen = Seen::default();
    let mut connection = None;
    let mut next = first;
    loop {
        let started = Instant::now();
        if started >= until {
            return seen;
        }
        let request = &requests[next % requests.len()];
        next += 1;
        let answer = match connection.take() {
            Some(c) => Ok(c),
            None => Client::connect(address),
        }
        .and_then(|mut c| c.post(COMMANDS[request.command], &request.body).map(|status| (c, status)));
        let elapsed = started.elapsed();
        match answer {
            Ok((c, status)) => {
                connection = Some(c);
                if started >= warm_until {
                    if status == 200 {
                        seen.micros[request.command].push(elapsed.as_micros() as u64);
                    } else {
                        seen.failed += 1;
                    }
                }
            }
            Err(_) => {
                seen.failed += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

/// The `q` quantile of sorted microseconds, in milliseconds.
fn quantile_ms(sorted: &[u64], q: f64) -> f64 {
    let index = ((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(index).map_or(0.0, |&m| m as f64 / 1000.0)
}

pub fn run(args: &LoadArgs) -> Result<()> {
    let requests = requests(&args.edition, args.seed)?;
    // Every client checks the server is there before the clock starts.
    Client::connect(args.address)?.post("edition", "{}")?;
    let started = Instant::now();
    let warm_until = started + Duration::from_secs_f64(args.warmup);
    let until = warm_until + Duration::from_secs_f64(args.seconds);
    let seen: Vec<Seen> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..args.clients)
            .map(|i| {
                let requests = &requests;
                let first = i * requests.len() / args.clients.max(1);
                scope.spawn(move || client(args.address, requests, first, warm_until, until))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut all: Vec<u64> = seen.iter().flat_map(|s| s.micros.iter().flatten().copied()).collect();
    all.sort_unstable();
    let failed: usize = seen.iter().map(|s| s.failed).sum();
    let mut by_command = serde_json::Map::new();
    for (index, command) in COMMANDS.iter().enumerate() {
        let mut micros: Vec<u64> = seen.iter().flat_map(|s| s.micros[index].iter().copied()).collect();
        micros.sort_unstable();
        by_command.insert(
            command.to_string(),
            json!({ "requests": micros.len(), "p50_ms": quantile_ms(&micros, 0.5), "p99_ms": quantile_ms(&micros, 0.99) }),
        );
    }
    let report = json!({
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": all.len(),
        "failed": failed,
        "requests_per_second": all.len() as f64 / args.seconds,
        "p50_ms": quantile_ms(&all, 0.5),
        "p90_ms": quantile_ms(&all, 0.9),
        "p99_ms": quantile_ms(&all, 0.99),
        "max_ms": all.last().map_or(0.0, |&m| m as f64 / 1000.0),
        "by_command": by_command,
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
