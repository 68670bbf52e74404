//! The HTTP transport in process: the same commands as POST /api/<command>, the UI files, and the
//! refusal of requests from other origins.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first surprise")]

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
