package io.taleforge.gateway.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.gateway.book.BookPdf;
import io.taleforge.gateway.book.Choices;
import io.taleforge.gateway.book.StoryExport;
import io.taleforge.gateway.client.ApprovalClient;
import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ApprovalHistory;
import io.taleforge.gateway.client.ImageClient;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.client.StoryClient;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.mapping.StoryRecordMapper;
import io.taleforge.gateway.model.Book;
import io.taleforge.gateway.model.StoryRecord;

/**
 * The storybook (reading view and PDF) and the export of a story, owner only. Everything comes
 * from the services that own it, over their APIs: the story and answers from story-service, every
 * attempt from image-service, decisions and notes from approval-service, the pictures from the
 * media store's API or, kept on Cloudinary, from its delivery host ({@link Pictures}): a picture
 * that cannot be fetched fails the PDF or the export with a problem naming its scene.
 */
@ApplicationScoped
public class BookService {

    private final OwnershipService ownership;
    private final StoryClient stories;
    private final ImageClient images;
    private final ApprovalClient approvals;
    private final Pictures pictures;
    private final BookPdf pdf;
    private final StoryExport export;

    public BookService(OwnershipService ownership, StoryClient stories, ImageClient images, ApprovalClient approvals,
            Pictures pictures, BookPdf pdf, StoryExport export) {
        this.ownership = ownership;
        this.stories = stories;
        this.images = images;
        this.approvals = approvals;
        this.pictures = pictures;
        this.pdf = pdf;
        this.export = export;
    }

    /** The book of a story whose pictures are all approved; 409 (field {@code id}) before that. */
    public Book book(String owner, String storyId) {
        StoryDocument story = ownership.load(storyId, owner);
        ApprovalDocument decisions = ServiceCalls.call(StoryService.APPROVAL, () -> approvals.approvals(storyId))
                .filter(ApprovalDocument::allApproved)
                .orElseThrow(() -> notComplete(storyId));
        Map<Integer, String> approved = new LinkedHashMap<>();
        decisions.scenes().forEach(s -> approved.put(s.sceneNumber(), s.imageUrl()));
        JsonNode quiz = ServiceCalls.call(StoryService.STORY, stories::quiz);
        List<Book.Page> pages = story.scenes().stream()
                .sorted(Comparator.comparingInt(StoryDocument.Scene::number))
                .map(s -> new Book.Page(s.number(), s.stage(), s.text(), approved.get(s.number())))
                .toList();
        StoryDocument.Hero hero = story.hero();
        return new Book(story.id(), story.title(),
                hero == null ? null : new Book.Hero(hero.species(), hero.name(), hero.trait()),
                Choices.line(quiz, story.answers()), pages);
    }

    /** The storybook as a PDF: a cover, a page per scene with its picture, page numbers. */
    public byte[] pdf(String owner, String storyId) {
        Book book = book(owner, storyId);
        Map<Integer, MediaFile> files = new LinkedHashMap<>();
        book.pages().forEach(page -> files.put(page.number(), pictures.scene(page.number(), page.imageUrl())));
        byte[] bytes = pdf.render(book, files);
        Log.infof("storybook pdf made storyId=%s pages=%d bytes=%d", storyId, book.pages().size() + 1, bytes.length);
        return bytes;
    }

    /** The export ZIP: story.json, its schema, attempts.csv and the approved pictures. */
    public byte[] export(String owner, String storyId) {
        StoryDocument story = ownership.load(storyId, owner);
        List<ImageJob> jobs = ServiceCalls.call(StoryService.IMAGE, () -> images.images(storyId));
        ApprovalDocument state = ServiceCalls.call(StoryService.APPROVAL, () -> approvals.approvals(storyId)).orElse(null);
        ApprovalHistory history = state == null ? ApprovalHistory.none(storyId)
                : ServiceCalls.call(StoryService.APPROVAL, () -> approvals.history(storyId));
        Map<Integer, MediaFile> files = new LinkedHashMap<>();
        Map<Integer, String> entries = new LinkedHashMap<>();
        if (state != null) {
            state.scenes().stream().filter(s -> "APPROVED".equals(s.state())).forEach(s -> {
                MediaFile file = pictures.scene(s.sceneNumber(), s.imageUrl());
                files.put(s.sceneNumber(), file);
                entries.put(s.sceneNumber(), StoryExport.imageEntry(s.sceneNumber(),
                        Pictures.extension(s.imageUrl(), file.contentType())));
            });
        }
        StoryRecord record = StoryRecordMapper.toRecord(story, jobs, state, history, entries, Instant.now().toString());
        byte[] zip = export.zip(record, files, entries);
        Log.infof("story exported storyId=%s attempts=%d images=%d bytes=%d", storyId, jobs.size(), files.size(), zip.length);
        return zip;
    }

    private static ProblemException notComplete(String storyId) {
        return new ProblemException(Problem.of(409, "story-not-complete", "Conflict with the current state",
                "the storybook of story " + storyId + " exists once all its pictures are approved",
                List.of(new Problem.FieldError("id", "not every picture of this story is approved yet"))));
    }
}
