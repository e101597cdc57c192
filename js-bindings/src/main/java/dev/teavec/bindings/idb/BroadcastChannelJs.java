package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** BroadcastChannel, which teavm-jso-apis does not declare. */
interface BroadcastChannelJs extends JSObject {
    void postMessage(JSObject message);

    void close();

    @JSProperty("onmessage")
    void setOnMessage(EventListener<MessageEvent> listener);
}
