// Passkeys through Spring Security's WebAuthn endpoints: sign-in ([data-passkey-login]) and registration
// (form[data-passkey-register], then reload or go to data-passkey-next). Errors go to [data-passkey-error].
(() => {
  "use strict";
  const b64 = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
    },
  };

  function headers() {
    const name = document.querySelector('meta[name="csrf-header"]');
    const token = document.querySelector('meta[name="csrf-token"]');
    const all = { "Content-Type": "application/json", Accept: "application/json" };
    if (name && token) {
      all[name.content] = token.content;
    }
    return all;
  }

  async function post(url, body) {
    const response = await fetch(url, { method: "POST", headers: headers(), body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      throw new Error(`the server answered ${response.status}`);
    }
    return response.json();
  }

  function showError(message) {
    const box = document.querySelector("[data-passkey-error]");
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
  }

  async function signIn() {
    const options = await post("/webauthn/authenticate/options");
    const publicKey = {
      ...options,
      challenge: b64.decode(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64.decode(c.id) })),
    };
    const credential = await navigator.credentials.get({ publicKey });
    const response = credential.response;
    const result = await post("/login/webauthn", {
      id: credential.id,
      rawId: b64.encode(credential.rawId),
      response: {
        authenticatorData: b64.encode(response.authenticatorData),
        clientDataJSON: b64.encode(response.clientDataJSON),
        signature: b64.encode(response.signature),
        userHandle: response.userHandle ? b64.encode(response.userHandle) : undefined,
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    });
    if (!result.authenticated) {
      throw new Error("the passkey was not accepted");
    }
    window.location.href = "/";
  }

  async function register(label) {
    const options = await post("/webauthn/register/options");
    const publicKey = {
      ...options,
      user: { ...options.user, id: b64.decode(options.user.id) },
      challenge: b64.decode(options.challenge),
      excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64.decode(c.id) })),
    };
    const credential = await navigator.credentials.create({ publicKey });
    const response = credential.response;
    const result = await post("/webauthn/register", {
      publicKey: {
        credential: {
          id: credential.id,
          rawId: b64.encode(credential.rawId),
          response: {
            attestationObject: b64.encode(response.attestationObject),
            clientDataJSON: b64.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : [],
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment,
        },
        label,
      },
    });
    if (!result.success) {
      throw new Error("the passkey was not saved");
    }
  }

  document.querySelectorAll("[data-passkey-login]").forEach((button) => {
    button.addEventListener("click", () => {
      signIn().catch((e) => showError(`Signing in with a passkey did not work: ${e.message}`));
    });
  });
  document.querySelectorAll("form[data-passkey-register]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      register(form.elements.label.value)
        .then(() => {
          window.location.href = form.dataset.passkeyNext || window.location.pathname;
        })
        .catch((e) => showError(`Adding the passkey did not work: ${e.message}`));
    });
  });
})();
