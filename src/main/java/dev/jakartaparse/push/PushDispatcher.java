package dev.jakartaparse.push;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Sends pushes on the container's asynchronous EJB threads, so that POST /push answers at once. */
@Stateless
public class PushDispatcher {

    @Inject
    PushSender sender;

    @Asynchronous
    public void start(String statusId) {
        sender.start(statusId);
    }

    @Asynchronous
    public void resume(String statusId) {
        sender.resume(statusId);
    }
}
