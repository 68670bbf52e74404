//! The HTTP transport in process: the same commands as POST /api/<command>, the UI files, the
//! refusal of requests from other origins, headers against framing and short error messages; and
//! on a real socket, with short timeouts: idle, slow and stalled connections are closed, and
//! connections beyond the cap wait.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

use std::io::{ErrorKind, Read, Write};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

const PORT: u16 = 7878;

fn app() -> (tempfile::TempDir, axum::Router) {
    let (dir, atlas) = atlas_tests::open_edition(&atlas_tests::fixture("mini")).unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>NEV Atlas</title>").unwrap();
    (dir, atlas_server::router(atlas, ui, PORT))
}

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, Value, Option<String>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cors = response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.to_str().unwrap().to_string());
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    let body =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, body, cors)
}

fn post(command: &str, body: Value, host: &str, origin: Option<&str>) -> Request<Body> {
    let mut request = Request::post(format!("/api/{command}"))
        .header(header::HOST, host)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn commands_answer_over_http_like_over_ipc() {
    let (_dir, app) = app();
    let (status, body, cors) =
        send(&app, post("search", json!({ "query": "赛力斯" }), "127.0.0.1:7878", Some("http://127.0.0.1:7878"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hits"][0]["entity"]["id"], "seres-auto");
    assert_eq!(cors, None, "no CORS headers at all");
    let (status, body, _) = send(&app, post("entity", json!({ "id": "catl" }), "localhost:7878", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["entity"]["name_en"], "Contemporary Amperex Technology Co. Ltd.");
}

#[tokio::test]
async fn errors_map_to_statuses_with_coded_bodies() {
    let (_dir, app) = app();
    let (status, body, _) = send(&app, post("entity", json!({ "id": "nobody" }), "127.0.0.1:7878", None)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, body, _) = send(&app, post("search", json!({ "query": 1 }), "127.0.0.1:7878", None)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_argument")));
    let request =
        Request::post("/api/search").header(header::HOST, "127.0.0.1:7878").body(Body::from("{not json")).unwrap();
    let (status, body, _) = send(&app, request).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_argument")));
}

#[tokio::test]
async fn foreign_origins_and_hosts_get_403() {
    let (_dir, app) = app();
    for (host, origin) in [
        ("127.0.0.1:7878", Some("http://evil.example")),
        ("127.0.0.1:7878", Some("http://127.0.0.1:9999")),
        ("127.0.0.1:7878", Some("null")),
        ("evil.example:7878", None),
        ("127.0.0.1:1234", None),
    ] {
        let (status, body, cors) = send(&app, post("search", json!({ "query": "长安" }), host, origin)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "host {host} origin {origin:?}");
        assert_eq!(body["code"], "forbidden");
        assert_eq!(cors, None);
    }
    let page = Request::get("/").header(header::HOST, "rebinding.example:7878").body(Body::empty()).unwrap();
    assert_eq!(send(&app, page).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_ui_is_served_from_its_folder() {
    let (_dir, app) = app();
    let page = Request::get("/index.html").header(header::HOST, "127.0.0.1:7878").body(Body::empty()).unwrap();
    let (status, body, _) = send(&app, page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.as_str().unwrap().contains("<title>NEV Atlas</title>"));
}

#[tokio::test]
async fn the_server_binds_loopback_only() {
    let (listener, address) = atlas_server::bind(0).await.unwrap();
    assert!(address.ip().is_loopback());
    drop(listener);
}

#[tokio::test]
async fn every_response_forbids_framing() {
    let (_dir, app) = app();
    let requests = [
        Request::get("/index.html").header(header::HOST, "127.0.0.1:7878").body(Body::empty()).unwrap(),
        Request::get("/no-such-file").header(header::HOST, "127.0.0.1:7878").body(Body::empty()).unwrap(),
        post("edition", json!({}), "127.0.0.1:7878", None),
        post("entity", json!({ "id": "nobody" }), "127.0.0.1:7878", None),
        post("edition", json!({}), "evil.example:7878", None),
    ];
    let mut statuses = Vec::new();
    for request in requests {
        let response = app.clone().oneshot(request).await.unwrap();
        statuses.push(response.status());
        let headers = response.headers();
        assert_eq!(headers.get(header::X_FRAME_OPTIONS).map(|v| v.to_str().unwrap()), Some("DENY"));
        assert_eq!(
            headers.get(header::CONTENT_SECURITY_POLICY).map(|v| v.to_str().unwrap()),
            Some("frame-ancestors 'none'")
        );
    }
    // Pages, API answers, misses and refusals alike.
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::NOT_FOUND, StatusCode::OK, StatusCode::NOT_FOUND, StatusCode::FORBIDDEN]
    );
}

#[tokio::test]
async fn a_long_id_comes_back_as_a_short_message() {
    let (_dir, app) = app();
    let id = "x".repeat(1 << 20);
    let response = app.clone().oneshot(post("entity", json!({ "id": id }), "127.0.0.1:7878", None)).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let bytes = axum::body::to_bytes(response.into_body(), 2 << 20).await.unwrap();
    assert!(bytes.len() < 1024, "a 1 MB id gave a {} byte answer", bytes.len());
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["code"], "not_found");
    let message = body["message"].as_str().unwrap();
    assert!(message.starts_with("no entity \"xxxx"), "{message}");
    // The same for a long command name and a long unknown argument.
    let command = "c".repeat(20_000);
    let (status, body, _) = send(&app, post(&command, json!({}), "127.0.0.1:7878", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().len() < 1024);
    let mut args = serde_json::Map::new();
    args.insert("y".repeat(1 << 20), json!(1));
    let (status, body, _) = send(&app, post("edition", Value::Object(args), "127.0.0.1:7878", None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().unwrap().len() < 1024);
}

/// A server on a real socket with `limits`, on a runtime of its own; the folder holds its edition
/// and its UI files.
fn serve(limits: atlas_server::Limits) -> (tempfile::TempDir, tokio::runtime::Runtime, std::net::SocketAddr) {
    let (dir, atlas) = atlas_tests::open_edition(&atlas_tests::fixture("mini")).unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>NEV Atlas</title>").unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (listener, address) = runtime.block_on(atlas_server::bind(0)).unwrap();
    let router = atlas_server::router(atlas, ui, address.port());
    runtime.spawn(atlas_server::serve_with(listener, router, limits));
    (dir, runtime, address)
}

/// Limits with `short` for every timeout.
fn short_limits(short: Duration) -> atlas_server::Limits {
    atlas_server::Limits { request_head: short, request_body: short, write_stall: short, max_connections: 64 }
}

/// A connection with a read timeout that only guards the test against hanging.
fn connect(address: std::net::SocketAddr) -> std::net::TcpStream {
    let stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    stream
}

/// How long a test waits for the server before it fails; far above the timeouts under test.
const GUARD: Duration = Duration::from_secs(20);
const SHORT: Duration = Duration::from_millis(300);

/// Reads until the server closes the connection; `None` when the guard ran out first (the server
/// kept the connection open). A reset counts as closed.
fn read_until_closed(stream: &mut std::net::TcpStream) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 65536];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(received),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return None,
            Err(_) => return Some(received),
        }
    }
}

fn request_text(address: std::net::SocketAddr, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n")
}

#[test]
fn an_idle_socket_is_closed() {
    let (_dir, _runtime, address) = serve(short_limits(SHORT));
    let mut idle = connect(address);
    let received = read_until_closed(&mut idle).expect("the server kept an idle socket open");
    assert!(received.is_empty(), "{}", String::from_utf8_lossy(&received));
}

#[test]
fn a_request_head_sent_byte_by_byte_is_cut_off() {
    let (_dir, _runtime, address) = serve(short_limits(SHORT));
    let mut slow = connect(address);
    slow.write_all(format!("GET /index.html HTTP/1.1\r\nHost: {address}\r\n").as_bytes()).unwrap();
    // One more header byte every 50 ms keeps the socket busy, never completing the head.
    let cut_off = (0..400).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        slow.write_all(b"X").is_err()
    });
    assert!(cut_off || read_until_closed(&mut slow).is_some(), "the server waited 20 s for a header");
}

#[test]
fn a_kept_alive_connection_is_closed_when_idle() {
    let (_dir, _runtime, address) = serve(short_limits(SHORT));
    let mut client = connect(address);
    client.write_all(request_text(address, "/index.html").as_bytes()).unwrap();
    let received = read_until_closed(&mut client).expect("the server kept an idle kept-alive socket open");
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(!text.to_ascii_lowercase().contains("connection: close"), "the answer itself closed it: {text}");
    assert!(text.contains("<title>NEV Atlas</title>"));
}

#[test]
fn a_body_that_never_arrives_in_full_is_refused() {
    let (_dir, _runtime, address) = serve(short_limits(SHORT));
    let mut client = connect(address);
    let head = format!(
        "POST /api/edition HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    client.write_all(head.as_bytes()).unwrap();
    let received = read_until_closed(&mut client).expect("the server waited 20 s for a body");
    let text = String::from_utf8_lossy(&received);
    assert!(text.is_empty() || text.starts_with("HTTP/1.1 400"), "{text}");
}

#[test]
fn a_client_that_stops_reading_is_dropped() {
    let (dir, _runtime, address) = serve(short_limits(SHORT));
    // Larger than the socket buffers of both ends.
    let size = 64 << 20;
    std::fs::write(dir.path().join("ui/big.bin"), vec![b'.'; size]).unwrap();
    let mut client = connect(address);
    client.write_all(request_text(address, "/big.bin").as_bytes()).unwrap();
    // Not reading: the server's writes block once the socket buffers are full.
    std::thread::sleep(Duration::from_secs(3));
    let received = read_until_closed(&mut client).expect("the server kept the stalled connection");
    assert!(String::from_utf8_lossy(&received[..12]).starts_with("HTTP/1.1 200"));
    assert!(received.len() < size, "all {} bytes arrived, the write never gave up", received.len());
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_one() {
    let limits = atlas_server::Limits { max_connections: 2, ..atlas_server::Limits::default() };
    let (_dir, _runtime, address) = serve(limits);
    let first = connect(address);
    let second = connect(address);
    // The two idle sockets hold both places: the third is not served.
    let mut third = connect(address);
    third.write_all(request_text(address, "/index.html").as_bytes()).unwrap();
    third.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let mut buffer = [0u8; 64];
    let early = third.read(&mut buffer);
    assert!(
        matches!(&early, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "the third connection was served while two were held: {early:?}"
    );
    // Once one closes, the third is served.
    drop(first);
    third.set_read_timeout(Some(GUARD)).unwrap();
    let n = third.read(&mut buffer).unwrap();
    assert!(String::from_utf8_lossy(&buffer[..n]).starts_with("HTTP/1.1 200"));
    drop(second);
}
