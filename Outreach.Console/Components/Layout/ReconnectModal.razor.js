// The .NET 10 template's reconnect handler. blazor.web.js raises components-reconnect-state-changed on the
// dialog; this opens and closes it, retries when a hidden tab comes back, reloads when the server no longer
// knows the circuit (the node restarted), and wires Retry, Resume and Reload.
// The console never pauses a circuit by itself (for example a tab hidden for long): a hidden inbox is what
// raises hot-lead desktop notifications, and unsent replies live only in the circuit, which a resume
// rebuilds. The paused state shows when something else calls Blazor.pauseCircuit().
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        if (!reconnectModal.open) {
            reconnectModal.showModal();
        }
    } else if (event.detail.state === "hide") {
        reconnectModal.close();
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // true: reconnected; false: the server was reached but no longer has the circuit; an exception
        // (sync or async): the server is still unreachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            // A paused circuit's state may still be on the server; otherwise start the page afresh.
            const resumed = await Blazor.resumeCircuit();
            if (!resumed) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
