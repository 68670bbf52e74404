//! NEV Atlas in a browser: `POST /api/<command>` with the command's arguments as the JSON body,
//! answered by the same [`atlas_api::dispatch`] the desktop window uses, and the built UI as static
//! files. It listens on 127.0.0.1 only, sends no CORS headers, and refuses with 403 any request
//! whose Host or Origin is not its own address, so other web pages cannot call it.
//!
//! Every response forbids framing (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`). The
//! server closes connections that hold it without making progress (see [`Limits`]) and serves at
//! most [`Limits::max_connections`] at once, so a local process that opens and holds sockets
//! cannot exhaust its file descriptors.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use atlas_api::{ApiError, ErrorCode};
use atlas_core::Atlas;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::Value;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyDeadline;

mod io;

/// What every request handler shares.
#[derive(Clone)]
struct Shared {
    atlas: Arc<Opened>,
    port: u16,
    /// Commands running at once on worker threads. More would only take turns on the same
    /// processors (and the same database connections), each thread switching in and out; the
    /// requests beyond wait here, as tasks that cost nothing, in the order they came.
    running: Arc<tokio::sync::Semaphore>,
}

/// What the server answers from: an edition alone, or an edition with the user's workspace.
/// Neither is behind a lock: requests read in parallel (see [`atlas_api::AppState`]).
pub enum Opened {
    Edition(Box<Atlas>),
    Workspace(Box<atlas_api::AppState>),
}

impl Opened {
    fn dispatch(&self, command: &str, args: Value) -> Result<Value, ApiError> {
        match self {
            Opened::Edition(atlas) => atlas_api::dispatch(atlas, command, args),
            Opened::Workspace(state) => atlas_api::dispatch_state(state, command, args),
        }
    }
}

/// Builds the router for an atlas served on `port` with the UI from `ui_dir`.
pub fn router(atlas: Atlas, ui_dir: PathBuf, port: u16) -> Router {
    router_for(Opened::Edition(Box::new(atlas)), ui_dir, port)
}

/// Builds the router for an edition with the user's workspace over it.
pub fn router_for(opened: Opened, ui_dir: PathBuf, port: u16) -> Router {
    let running = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let shared =
        Shared { atlas: Arc::new(opened), port, running: Arc::new(tokio::sync::Semaphore::new(running.clamp(4, 16))) };
    Router::new()
        .route("/api/{command}", post(api))
        .fallback_service(ServeDir::new(ui_dir))
        .layer(middleware::from_fn_with_state(shared.clone(), same_origin_only))
        // Outermost, so that refusals carry them too: no page of another origin may frame ours.
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .with_state(shared)
}

/// How long the server waits on a client, and how many clients it serves at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A connection must deliver a complete request head within this time from when the server
    /// starts waiting for one: on a new connection, and again after each response on a kept-alive
    /// one. This is both the idle timeout and the header-read timeout (hyper's
    /// `header_read_timeout`).
    pub request_head: Duration,
    /// A request body must arrive in full within this time after its head (tower-http's
    /// `RequestBodyDeadline`); the request then fails with 400 and the connection closes.
    pub request_body: Duration,
    /// A response write that makes no progress for this long (a client that stops reading) closes
    /// the connection.
    pub write_stall: Duration,
    /// Connections served at once. Further ones wait in the listen backlog, holding no descriptor
    /// of this process, until one closes.
    pub max_connections: usize,
}

impl Default for Limits {
    /// Generous for a browser on the same machine, which reconnects when a kept-alive connection
    /// closes; short enough that held sockets are soon freed.
    fn default() -> Limits {
        Limits {
            request_head: Duration::from_secs(20),
            request_body: Duration::from_secs(30),
            write_stall: Duration::from_secs(30),
            max_connections: 256,
        }
    }
}

/// Binds 127.0.0.1:`port` (0 picks a free port) and returns the listener and its address.
pub async fn bind(port: u16) -> Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{port}"))?;
    let address = listener.local_addr()?;
    Ok((listener, address))
}

/// Serves with the default [`Limits`] until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> Result<()> {
    serve_with(listener, router, Limits::default()).await
}

/// Serves HTTP/1.1 with `limits` until the process is stopped.
///
/// `axum::serve` sets no timer on hyper, so it has no header-read timeout and no way to add one;
/// this loop is the same hyper connection builder with a timer, a semaphore and a body deadline.
pub async fn serve_with(listener: tokio::net::TcpListener, router: Router, limits: Limits) -> Result<()> {
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(limits.request_head);
    loop {
        // Take a permit before accepting, so that connections beyond the cap stay in the kernel's
        // backlog instead of holding descriptors here.
        let permit = permits.clone().acquire_owned().await.context("the connection limit was closed")?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                accept_failed(error).await;
                continue;
            }
        };
        let io = hyper_util::rt::TokioIo::new(io::WriteStallTimeout::new(stream, limits.write_stall));
        let service = hyper_util::service::TowerToHyperService::new(RequestBodyDeadline::new(
            router.clone(),
            limits.request_body,
        ));
        let connection = builder.serve_connection(io, service);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection closed with an error");
            }
            drop(permit);
        });
    }
}

/// A failed accept: a client that gave up is nothing; anything else (out of descriptors) is logged
/// and waited out for a moment, as hyper's own server loop did, instead of spinning.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(error.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed");
    tokio::time::sleep(Duration::from_millis(200)).await;
}

async fn api(State(shared): State<Shared>, Path(command): Path<String>, body: axum::body::Bytes) -> Response {
    let args: Value = if body.is_empty() {
        Value::Object(Default::default())
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(e) => {
                return error_response(ApiError::invalid_argument(format!("the request body is not JSON: {e}")));
            }
        }
    };
    let Ok(permit) = shared.running.clone().acquire_owned().await else {
        return error_response(ApiError::internal(&anyhow::anyhow!("the server is stopping")));
    };
    let atlas = shared.atlas.clone();
    let result = tokio::task::spawn_blocking(move || {
        let answer = atlas.dispatch(&command, args);
        drop(permit);
        answer
    })
    .await;
    match result {
        Ok(Ok(value)) => axum::Json(value).into_response(),
        Ok(Err(error)) => error_response(error),
        Err(join) => error_response(ApiError::internal(&anyhow::anyhow!("a request task failed: {join}"))),
    }
}

fn error_response(error: ApiError) -> Response {
    let status = match error.code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidArgument => StatusCode::BAD_REQUEST,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, axum::Json(error)).into_response()
}

/// Lets a request through only when its Host is this server's loopback address and its Origin,
/// when present, is the same. DNS-rebinding pages and other sites get 403.
async fn same_origin_only(State(shared): State<Shared>, headers: HeaderMap, request: Request, next: Next) -> Response {
    let own_hosts = [format!("127.0.0.1:{}", shared.port), format!("localhost:{}", shared.port)];
    let host_ok =
        headers.get(header::HOST).and_then(|h| h.to_str().ok()).is_some_and(|h| own_hosts.iter().any(|o| o == h));
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin.to_str().ok().is_some_and(|o| own_hosts.iter().any(|h| o == format!("http://{h}"))),
    };
    if host_ok && origin_ok {
        next.run(request).await
    } else {
        let error = ApiError {
            code: ErrorCode::Forbidden,
            message: "This server answers only pages it served itself.".to_string(),
        };
        (StatusCode::FORBIDDEN, axum::Json(error)).into_response()
    }
}
